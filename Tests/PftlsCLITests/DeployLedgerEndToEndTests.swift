import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The deploy ledger on a real Postfix: apply and renew record what they installed from
/// where; `check` reports a renewal that reached certbot's live/ directory but was never
/// deployed (from the ledger, or from certbot's lineages alone), with the command that
/// deploys it, and that command clears it. certbot's directories are made at test time.
@Suite(.serialized, .tags(.endToEnd)) struct DeployLedgerEndToEndTests {
    static let names = ["mail.example.test"]
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    let certbot: CertbotTree
    let state: String

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
        certbot = CertbotTree(root: postfix.root + "/letsencrypt", fixtures: fixtures)
        state = postfix.root + "/state"
    }

    private func check(_ arguments: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--no-probe", "--state-dir", state] + arguments)
    }

    private func findings(_ result: Pftls.Result) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return object?["findings"] as? [[String: Any]] ?? []
    }

    private func renewalNotDeployed(_ arguments: [String] = []) throws -> [String: Any]? {
        try findings(try check(arguments + ["--json"])).first { $0["code"] as? String == "renewal-not-deployed" }
    }

    private func ledgerLines() throws -> [[String: Any]] {
        try String(contentsOfFile: state + "/ledger.jsonl", encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Answers that install certbot lineage `name`'s live/ files for smtp.
    private func certbotAnswers(_ name: String) -> String {
        let answers = TestAnswers(certificateDirectory: postfix.root + "/tls", privateKey: certbot.live(name) + "/privkey.pem",
                                  certificate: certbot.live(name) + "/fullchain.pem", intermediates: [],
                                  services: [(.smtp, postfix.listen(.smtp))])
        return fixtures.write("answers-\(name).json", answers.json)
    }

    private func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
    }

    @Test func aRenewedLineageNotDeployedIsReportedWithTheCommandThatDeploysIt() throws {
        try certbot.issue("mail", names: Self.names)
        let applied = try postfix.apply(answers: certbotAnswers("mail"), ["--state-dir", state])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(mode(state) == 0o700 && mode(state + "/ledger.jsonl") == 0o600)
        let text = try String(contentsOfFile: state + "/ledger.jsonl", encoding: .utf8)
        #expect(!text.contains("PRIVATE KEY") && !text.contains("BEGIN"), "no key material, no PEM in the ledger")
        let record = try #require(try ledgerLines().last)
        #expect(record["command"] as? String == "apply" && record["result"] as? String == "applied")
        #expect(record["configDirectory"] as? String == postfix.configDirectory)
        let installed = try #require((record["installed"] as? [[String: Any]])?.first)
        let source = installed["source"] as? [String: Any]
        #expect(source?["certbotLineage"] as? String == certbot.live("mail"))
        #expect((source?["certificate"] as? [String: Any])?["path"] as? String == certbot.live("mail") + "/fullchain.pem")
        #expect(((source?["certificate"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        #expect((source?["key"] as? [String: Any])?["sha256"] == nil, "a key's bytes are never hashed into the ledger")
        let entries = record["installed"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["role"] as? String == "chain" } && entries.allSatisfy { ($0["role"] as? String == "chain") == ($0["sha256"] == nil) },
                "no digest of a file holding the unencrypted key: \(entries)")
        #expect(installed["names"] as? [String] == Self.names)
        #expect(try renewalNotDeployed(["--certbot-dir", certbot.root]) == nil, "installed as it is: nothing to report")

        // certbot renews: new files in archive/, the live/ links moved; nothing deployed.
        Thread.sleep(forTimeInterval: 1.1)
        let renewed = try certbot.issue("mail", names: Self.names, version: 2)
        let finding = try #require(try renewalNotDeployed(), "the ledger's source moved on")
        let command = try #require(finding["command"] as? String)
        #expect(command == "pftls renew --from-certbot mail --certbot-dir \(certbot.root) --state-dir \(state) --config-dir \(postfix.configDirectory)")
        #expect(finding["severity"] as? String == "warning")
        #expect(finding["file"] as? String == postfix.root + "/tls/smtpd-chain.pem")
        #expect((finding["message"] as? String)?.contains(UTCTimestamp.format(renewed.notAfter)) == true, "\(finding)")
        let report = try check()
        #expect(report.standardOutput.contains("WARNING [renewal-not-deployed]") && report.standardOutput.contains(command), "\(report.all)")

        // The exact command, as the shell runs it, deploys it and clears the finding.
        let deployed = try Pftls.runProgram("/bin/sh", ["-c", Pftls.executable + command.dropFirst("pftls".count)])
        #expect(deployed.status == 0, "\(deployed.all)")
        #expect(try renewalNotDeployed() == nil)
        #expect(try ledgerLines().last?["command"] as? String == "renew")
    }

    @Test func withoutALedgerCertbotsLineageForTheSameNamesIsFound() throws {
        try fixtures.issueLeaf("a", names: Self.names)
        #expect(try fixtures.install("a", on: postfix).status == 0)
        try certbot.issue("www", names: ["www.other.test"])
        #expect(try renewalNotDeployed(["--certbot-dir", certbot.root]) == nil, "an older lineage or another name's is no renewal")
        Thread.sleep(forTimeInterval: 1.1)
        try certbot.issue("example.test", names: ["example.test", "www.example.test"] + Self.names)
        #expect(try renewalNotDeployed(["--certbot-dir", certbot.root]) == nil, "a web lineage that also covers the mail name is not Postfix's")
        try certbot.issue("mail.example.test", names: Self.names)
        let empty = postfix.root + "/empty-state"
        let finding = try #require(try findings(try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--no-probe", "--json",
                                                               "--state-dir", empty, "--certbot-dir", certbot.root]))
            .first { $0["code"] as? String == "renewal-not-deployed" })
        #expect(finding["command"] as? String
                == "pftls renew --from-certbot mail.example.test --certbot-dir \(certbot.root) --state-dir \(empty) --config-dir \(postfix.configDirectory)")
        // The same from PFTLS_CERTBOT_DIR.
        let fromEnvironment = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--no-probe", "--state-dir", empty],
                                            environment: ["PFTLS_CERTBOT_DIR": certbot.root])
        #expect(fromEnvironment.standardOutput.contains("[renewal-not-deployed]"), "\(fromEnvironment.all)")
        #expect(try renewalNotDeployed(["--certbot-dir", postfix.root + "/no-certbot"]) == nil)
    }

    /// renew's --key, --cert and --chain given relative to the current directory are recorded
    /// absolute, and a trailing slash on --config-dir is the same ledger history.
    @Test func relativeRenewFilesAreRecordedAbsolute() throws {
        try fixtures.issueLeaf("a", names: Self.names)
        #expect(try fixtures.install("a", on: postfix).status == 0)
        try fixtures.issueLeaf("b", names: Self.names)
        let renewed = try Pftls.run(["renew", "--config-dir", postfix.configDirectory + "/", "--state-dir", state, "--key", "b.key",
                                     "--cert", "b.pem", "--chain", "intermediate.pem"], in: fixtures.path(""))
        #expect(renewed.status == 0, "\(renewed.all)")
        let record = try #require(try ledgerLines().last)
        #expect(record["configDirectory"] as? String == postfix.configDirectory)
        let source = (record["installed"] as? [[String: Any]])?.first?["source"] as? [String: Any]
        #expect((source?["certificate"] as? [String: Any])?["path"] as? String == fixtures.path("b.pem"))
        #expect((source?["key"] as? [String: Any])?["path"] as? String == fixtures.path("b.key"))
        #expect(((source?["chain"] as? [[String: Any]])?.first)?["path"] as? String == fixtures.path("intermediate.pem"))
    }

    @Test func anErrorOnceTheInstalledCertificateIsInItsCriticalWindow() throws {
        try certbot.issue("mail", names: Self.names)
        #expect(try postfix.apply(answers: certbotAnswers("mail"), ["--state-dir", state]).status == 0)
        Thread.sleep(forTimeInterval: 1.1)
        try certbot.issue("mail", names: Self.names, version: 2)
        #expect(try renewalNotDeployed()?["severity"] as? String == "warning")
        // 365 days left: critical when --crit-days says so, as for expires-soon.
        #expect(try renewalNotDeployed(["--crit-days", "400"])?["severity"] as? String == "error")
        let nagios = try check(["--crit-days", "400", "--format", "nagios"])
        #expect(nagios.status == 2, "\(nagios.all)")
        // And by the lifetime alone, 360 days on: 6 days left of 366, under a tenth of it and 7 days.
        let later = try Pftls.runProgram("/usr/bin/faketime", ["-f", "+360d", Pftls.executable, "check", "--config-dir", postfix.configDirectory,
                                                               "--no-probe", "--state-dir", state, "--json"])
        #expect(try findings(later).first { $0["code"] as? String == "renewal-not-deployed" }?["severity"] as? String == "error", "\(later.all)")
    }

    @Test func refusedAndRolledBackRunsAreRecordedAndALedgerThatCannotBeWrittenIsAWarning() throws {
        // Refused: the key does not match the certificate.
        try fixtures.issueLeaf("b", names: Self.names)
        try fixtures.issueLeaf("c", names: Self.names)
        var answers = fixtures.answers("b", on: postfix)
        answers.privateKey = fixtures.path("c.key")
        let refused = try postfix.apply(answers: fixtures.write("mismatch.json", answers.json), ["--state-dir", state])
        #expect(refused.status == 1, "\(refused.all)")
        let record = try #require(try ledgerLines().last)
        #expect(record["result"] as? String == "refused" && record["reasonCode"] as? String == "plan-has-errors", "\(record)")

        // Rolled back: the reload fails and stops Postfix.
        let plan = try fixtures.loopbackPlan("r", on: postfix)
        var options = Applier.Options(probeDeadline: 2)
        options.recording = DeployRecording(ledger: DeployLedger(directory: state), command: .apply)
        #expect(throws: ApplyFailure.self) { try Applier(processes: ApplyRollbackTests.ReloadThatStopsPostfix()).apply(plan, options: options) }
        let rolledBack = try #require(try ledgerLines().last)
        #expect(rolledBack["result"] as? String == "rolled-back", "\(rolledBack)")
        #expect((rolledBack["reason"] as? String)?.contains("fatal: bind") == true, "\(rolledBack)")
        #expect((rolledBack["installed"] as? [[String: Any]])?.isEmpty == false, "what it tried to install")

        // A ledger that is a link: the change stands, and the output says it was not recorded.
        let hostile = postfix.root + "/hostile"
        try FileManager.default.createDirectory(atPath: hostile, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createSymbolicLink(atPath: hostile + "/ledger.jsonl", withDestinationPath: "/etc/passwd")
        let applied = try fixtures.install("b", on: postfix, ["--state-dir", hostile])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(applied.standardOutput.contains("warning: the change was not recorded in the deploy ledger: the deploy ledger \(hostile)/ledger.jsonl is a symbolic link"),
                "\(applied.all)")
        let warned = try check(["--state-dir", hostile])
        #expect(warned.standardOutput.contains("[ledger-unusable]"), "\(warned.all)")
    }

    @Test func explainDocumentsTheFinding() throws {
        let explained = try Pftls.run(["explain", "renewal-not-deployed"], environment: ["LC_ALL": "C"])
        #expect(explained.status == 0, "\(explained.all)")
        #expect(explained.standardOutput.contains("finding.renewal-not-deployed")
                && explained.standardOutput.contains("/var/lib/pftls/ledger.jsonl"), "\(explained.all)")
        let japanese = try Pftls.run(["--lang", "ja", "explain", "renewal-not-deployed"], environment: ["LC_ALL": "C"])
        #expect(japanese.standardOutput.contains("デプロイ記録"), "\(japanese.all)")
    }

    /// The wizard records its change too (PFTLS_STATE_DIR, as /etc/default/pftls would set it).
    /// Leaf `leaf` (with the intermediate) issued into an incoming directory, and the wizard
    /// started there on Renew: its files taken, Review shown, Write pressed.
    private func renewInTheWizard(to leaf: String) throws -> (incoming: String, session: TmuxSession) {
        let incoming = postfix.root + "/incoming-" + leaf
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let work = CLIFixtures(directory: incoming, sharing: fixtures)
        try work.issueLeaf(leaf, names: Self.names)
        work.write("intermediate.pem", fixtures.intermediate.certificate.pem)
        let session = try TmuxSession("cd \(incoming) && \(Pftls.executable) wizard --config-dir \(postfix.configDirectory)",
                                      environment: ["PFTLS_STATE_DIR": state])
        #expect(session.waitFor("Renew the certificate"), "\(session.screen)")
        session.send("Right")
        session.send("Enter")
        #expect(session.waitFor("Key: \(leaf).key"), "\(session.screen)")
        session.send("Enter")
        #expect(session.waitFor("Steps:"), "\(session.screen)")
        session.send("Enter")
        return (incoming, session)
    }

    @Test func theWizardsRenewalIsRecorded() throws {
        try fixtures.issueLeaf("a", names: Self.names)
        #expect(try fixtures.install("a", on: postfix).status == 0)
        let (incoming, session) = try renewInTheWizard(to: "b")
        #expect(session.waitFor("The new configuration is in place.", timeout: 30), "\(session.screen)")
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"))
        let record = try #require(try ledgerLines().last)
        #expect(record["command"] as? String == "wizard" && record["result"] as? String == "applied", "\(record)")
        let source = (record["installed"] as? [[String: Any]])?.first?["source"] as? [String: Any]
        #expect((source?["certificate"] as? [String: Any])?["path"] as? String == incoming + "/b.pem", "\(record)")
    }

    @Test func aWizardRenewalThatIsRolledBackExitsOneAndIsRecorded() throws {
        try fixtures.issueLeaf("a", names: Self.names)
        #expect(try fixtures.install("a", on: postfix).status == 0)
        // smtp keeps serving a's chain whatever main.cf says: the proof after the switch fails.
        let pinned = postfix.root + "/tls/pinned.pem"
        try FileManager.default.copyItem(atPath: postfix.root + "/tls/smtpd-chain.pem", toPath: pinned)
        postfix.postconf(["-P", "\(postfix.smtpListen)/inet/smtpd_tls_chain_files=\(pinned)"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/master.cf")
        postfix.reload()
        let (_, session) = try renewInTheWizard(to: "c")
        #expect(session.waitFor("restored", timeout: 60), "\(session.screen)")
        session.send("Enter")
        // As apply and renew do, for scripts that run the wizard: a change that did not stay is exit 1.
        #expect(session.waitFor("EXIT=1"), "\(session.transcript)")
        let record = try #require(try ledgerLines().last)
        #expect(record["command"] as? String == "wizard" && record["result"] as? String != "applied", "\(record)")
    }

    /// An SNI entry installed from a certbot lineage: its renewal is reported with `--sni`, and the command deploys it.
    @Test func anSNIEntrysLineageRenewedIsReportedWithItsName() throws {
        try fixtures.issueLeaf("a", names: Self.names)
        try certbot.issue("org", names: ["mail.example.org"])
        let org = certbot.live("org")
        var json = fixtures.answers("a", on: postfix).json
        json = String(json.dropLast(json.hasSuffix("\n") ? 2 : 1))
            + ", \"sni\": [{\"names\": [\"mail.example.org\"], \"privateKey\": \"\(org)/privkey.pem\", \"certificate\": \"\(org)/fullchain.pem\"}]}"
        let applied = try postfix.apply(answers: fixtures.write("answers-sni.json", json), ["--state-dir", state])
        #expect(applied.status == 0, "\(applied.all)")
        let entry = try #require((try ledgerLines().last?["installed"] as? [[String: Any]])?.first { $0["sni"] != nil })
        #expect(entry["sni"] as? [String] == ["mail.example.org"] && entry["names"] as? [String] == ["mail.example.org"], "\(entry)")
        #expect(try renewalNotDeployed() == nil)

        Thread.sleep(forTimeInterval: 1.1)
        try certbot.issue("org", names: ["mail.example.org"], version: 2)
        let finding = try #require(try renewalNotDeployed())
        let command = try #require(finding["command"] as? String)
        #expect(command == "pftls renew --from-certbot org --certbot-dir \(certbot.root) --sni mail.example.org --state-dir \(state) --config-dir \(postfix.configDirectory)")
        let deployed = try Pftls.runProgram("/bin/sh", ["-c", Pftls.executable + command.dropFirst("pftls".count)])
        #expect(deployed.status == 0, "\(deployed.all)")
        #expect(try renewalNotDeployed() == nil)
    }
}
