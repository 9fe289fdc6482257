import Foundation
import Testing
import Glibc
@testable import PftlsCore
import PftlsTestSupport

/// Postfix and Dovecot changed together, against a real throwaway Postfix and a real
/// throwaway Dovecot (Debian's 2.3, or whatever is installed) on loopback ports, every
/// listener checked with `openssl s_client`: apply, renew, a Dovecot that does not take
/// the new files (both roll back), and files swapped behind Dovecot's back (`check`).
@Suite(.serialized, .tags(.endToEnd)) struct DovecotEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    let dovecot: ThrowawayDovecot

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try fixtures.issueLeaf("old")
        dovecot = try ThrowawayDovecot(certificate: fixtures.path("old.pem"), key: fixtures.path("old.key"))
        try postfix.start()
        try dovecot.start()
    }

    private func answers(_ leaf: String) -> String {
        var answers = fixtures.answers(leaf, on: postfix, services: [.smtp, .submission, .submissions])
        answers.dovecotConfig = dovecot.configPath
        return fixtures.write("answers-\(leaf).json", answers.json)
    }

    /// SHA-256 of the leaf each listener of both servers serves, by name.
    private func served() -> [String: String?] {
        var result = dovecot.servedSHA256()
        result["smtp"] = SClientProbe(port: postfix.smtpPort, startTLS: "smtp").sha256
        result["submission"] = SClientProbe(port: postfix.submissionPort, startTLS: "smtp").sha256
        result["submissions"] = SClientProbe(port: postfix.submissionsPort, startTLS: nil).sha256
        return result
    }

    private func expectEverywhere(_ leaf: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = SClientProbe.sha256(pem: (try? String(contentsOfFile: fixtures.path(leaf + ".pem"), encoding: .utf8)) ?? "")
        let all = served()
        #expect(all.count == 8, sourceLocation: sourceLocation)
        for (listener, sha256) in all.sorted(by: { $0.key < $1.key }) {
            #expect(sha256 == expected, "\(listener) after \(context)\n\(dovecot.log)", sourceLocation: sourceLocation)
        }
    }

    /// `text` on one line, runs of blanks and line ends made one space (the text report wraps).
    private func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
    }

    /// Appends `text` to Dovecot's main configuration file.
    private func appendToDovecot(_ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: dovecot.configPath))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    /// Appends `text` to Dovecot's main configuration file and reloads Dovecot.
    private func appendToDovecotAndReload(_ text: String) throws {
        try appendToDovecot(text)
        _ = try dovecot.reload()
    }

    /// What a run killed during Dovecot's canary leaves: copies of Dovecot's pair in the
    /// certificate directory (names ending in `suffix`) and the block naming them, loaded.
    /// Returns the copies, certificate first.
    private func leaveKilledCanaryBlock(copying suffix: String) throws -> [String] {
        let tls = postfix.root + "/tls"
        let copies = [tls + "/.pftls-canary-dovecot-cert\(suffix).pem", tls + "/.pftls-canary-dovecot-key\(suffix).pem"]
        try FileManager.default.copyItem(atPath: tls + "/dovecot-cert.pem", toPath: copies[0])
        try FileManager.default.copyItem(atPath: tls + "/dovecot-key.pem", toPath: copies[1])
        try appendToDovecotAndReload(DovecotCanary.block(names: DovecotSettingNames(version: DovecotVersion(2, 3, 19)), key: copies[1], certificate: copies[0]))
        return copies
    }

    private func renew(_ leaf: String, _ extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["renew", "--key", fixtures.path(leaf + ".key"), "--cert", fixtures.path(leaf + ".pem"),
                       "--chain", fixtures.path("intermediate.pem"), "--config-dir", postfix.configDirectory,
                       "--dovecot-config", dovecot.configPath] + extra)
    }

    @Test func applyThenRenewMoveEveryListenerOfBoth() throws {
        #expect(Set(dovecot.servedSHA256().values) == [SClientProbe.sha256(pem: try String(contentsOfFile: fixtures.path("old.pem"), encoding: .utf8))])
        try fixtures.issueLeaf("a")
        let applied = try postfix.apply(answers: answers("a"))
        #expect(applied.status == 0, "\(applied.all)\n\(dovecot.log)")
        #expect(applied.standardOutput.contains("dovecot imaps 127.0.0.1:\(dovecot.listener("imaps").port): serves the new certificate"), "\(applied.all)")
        expectEverywhere("a", "apply")
        let ssl = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        #expect(ssl.contains(postfix.root + "/tls/dovecot-cert.pem"), "\(ssl)")
        #expect(ssl.contains("## SSL settings"), "the rest of 10-ssl.conf is kept: \(ssl)")
        var key = stat()
        #expect(stat(postfix.root + "/tls/dovecot-key.pem", &key) == 0 && key.st_mode & 0o777 == 0o600)

        try fixtures.issueLeaf("b")
        let renewed = try renew("b", ["--json"])
        #expect(renewed.status == 0, "\(renewed.all)\n\(dovecot.log)")
        #expect(renewed.standardOutput.contains("\"service\" : \"dovecot imaps\""), "the JSON lists Dovecot's probes: \(renewed.standardOutput)")
        expectEverywhere("b", "renew")
        let again = try renew("b")
        #expect(again.status == 0 && again.standardOutput.contains("already installed"), "\(again.all)")
    }

    /// The leaf Dovecot's imaps listener serves to a client that accepts only `type`.
    private func dovecotServes(_ type: ServerKeyType) -> String? {
        SClientProbe(port: dovecot.listener("imaps").port, startTLS: nil, sigalgs: type.signatureAlgorithms).sha256
    }

    private func sha256(_ leaf: String) -> String? {
        SClientProbe.sha256(pem: (try? String(contentsOfFile: fixtures.path(leaf + ".pem"), encoding: .utf8)) ?? "")
    }

    /// Renewing one key type gives Dovecot that type's pair and keeps the other, as Postfix
    /// does: an ECDSA renewal must not take RSA away from Dovecot's clients.
    @Test func eachKeyTypeRenewedAloneKeepsDovecotsPairOfTheOther() throws {
        try fixtures.issueLeaf("ec1")
        #expect(try postfix.apply(answers: answers("ec1")).status == 0)
        try fixtures.issueLeaf("rsa1", key: .rsa(bits: 2048))
        let rsa = try renew("rsa1")
        #expect(rsa.status == 0, "\(rsa.all)\n\(dovecot.log)")
        #expect(dovecotServes(.rsa) == sha256("rsa1") && dovecotServes(.ecdsa) == sha256("ec1"), "RSA added beside ECDSA: \(rsa.all)")
        #expect(rsa.standardOutput.contains("dovecot imaps 127.0.0.1:\(dovecot.listener("imaps").port) (RSA): serves the new certificate"),
                "proven with an RSA-only client: \(rsa.standardOutput)")
        #expect(rsa.standardOutput.contains("(ECDSA): still serves the certificate the change keeps") && !rsa.standardOutput.contains("(ECDSA): serves the new"),
                "Postfix's kept ECDSA pair is proven still served, not called new: \(rsa.standardOutput)")
        #expect(oneLine(rsa.standardOutput)
                    .contains("no Dovecot canary: its block is tried on 127.0.0.2, which only a listener on every IPv4 address (`listen = *`) reaches, and Dovecot listens on dovecot imap 127.0.0.1:"),
                "a Dovecot on 127.0.0.1 alone is told apart from a host without 127.0.0.1: \(rsa.standardOutput)")
        try fixtures.issueLeaf("ec2")
        let ecdsa = try renew("ec2")
        #expect(ecdsa.status == 0, "\(ecdsa.all)\n\(dovecot.log)")
        #expect(dovecotServes(.ecdsa) == sha256("ec2"), "\(ecdsa.all)")
        #expect(dovecotServes(.rsa) == sha256("rsa1"), "the RSA pair stays: \(ecdsa.all)")
        #expect(SClientProbe(port: postfix.submissionsPort, startTLS: nil, sigalgs: ServerKeyType.rsa.signatureAlgorithms).sha256 == sha256("rsa1"))
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--resolver", "none"])
        #expect(!checked.standardOutput.contains("dovecot-differs-from-postfix"), "\(checked.all)")
        let imaps = "dovecot imaps 127.0.0.1:\(dovecot.listener("imaps").port)"
        #expect(checked.standardOutput.contains(imaps + " (ECDSA)") && checked.standardOutput.contains(imaps + " (RSA)"), "each key type on its own line: \(checked.all)")
        // Each key type is its own series, and each of Dovecot's files its own expiry.
        let exposition = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--resolver", "none",
                                        "--format", "prometheus"])
        let metrics = try PrometheusText(exposition.standardOutput)
        let listener = ["daemon": "dovecot", "service": "imaps"]
        for type in ["RSA", "ECDSA"] {
            #expect(metrics.values("pftls_listener_serves_installed", listener.merging(["key_type": type]) { $1 }) == [1], "\(type): \(exposition.standardOutput)")
            #expect(metrics.values("pftls_certificate_expiry_timestamp_seconds", ["daemon": "dovecot", "source": "file", "key_type": type]).count == 1, "\(type)")
        }
    }

    /// With the canary on (`listen = *`), the pair in Dovecot's alternate settings renews
    /// again and again: the canary's block sets it as the alternate, so the global pair of
    /// the same type it inherits does not shadow it.
    @Test func theCanaryTriesAnAlternatePairAsTheAlternate() throws {
        try dovecot.rewrite { $0.listen = "*" }
        _ = try dovecot.reload()
        try fixtures.issueLeaf("ec1")
        #expect(try postfix.apply(answers: answers("ec1")).status == 0)
        for leaf in ["rsa1", "rsa2"] {
            try fixtures.issueLeaf(leaf, key: .rsa(bits: 2048))
            let renewed = try renew(leaf)
            #expect(renewed.status == 0, "\(leaf): \(renewed.all)\n\(dovecot.log)")
            #expect(renewed.standardOutput.contains("Dovecot's temporary block served the new certificate"), "\(renewed.all)")
            #expect(dovecotServes(.rsa) == sha256(leaf) && dovecotServes(.ecdsa) == sha256("ec1"), "\(leaf): \(renewed.all)")
        }
    }

    /// Dovecot's local_name blocks with a pair of their own and no alternate would inherit a
    /// global alternate pair: none is added, the plan says why, and the blocks keep theirs.
    @Test func noAlternatePairIsAddedThatLocalNameBlocksWouldInherit() throws {
        try fixtures.issueLeaf("other", hostname: "imap.other.test")
        let block = "\nlocal_name imap.other.test {\n  ssl_cert = <\(fixtures.path("other.pem"))\n  ssl_key = <\(fixtures.path("other.key"))\n}\n"
        try appendToDovecotAndReload(block)
        try fixtures.issueLeaf("ec1")
        #expect(try postfix.apply(answers: answers("ec1")).status == 0)
        try fixtures.issueLeaf("rsa1", key: .rsa(bits: 2048))
        let renewed = try renew("rsa1")
        #expect(renewed.status == 0, "\(renewed.all)\n\(dovecot.log)")
        let text = oneLine(renewed.standardOutput)
        #expect(text.contains("Dovecot is not given the RSA pair: its blocks for imap.other.test"), "\(renewed.all)")
        #expect(!(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)).contains("ssl_alt_cert"), "no alternate pair added")
        let other = SClientProbe(port: dovecot.listener("imaps").port, startTLS: nil, serverName: "imap.other.test").sha256
        #expect(other == sha256("other"), "the block's clients keep the block's certificate")
    }

    /// A first pair and an alternate of one key type: Dovecot serves one of them only. check
    /// names both settings (`multiple-keys`), not the pair it does not serve as stale.
    @Test func twoPairsOfOneKeyTypeAreNamedNotCalledStale() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        try fixtures.issueLeaf("second")
        let lines = "\nssl_alt_cert = <\(fixtures.path("second.pem"))\nssl_alt_key = <\(fixtures.path("second.key"))\n"
        try appendToDovecotAndReload(lines)
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--resolver", "none"])
        let text = oneLine(checked.standardOutput)
        #expect(text.contains("[multiple-keys] Dovecot's ssl_cert (\(postfix.root)/tls/dovecot-cert.pem) and ssl_alt_cert (\(fixtures.path("second.pem"))) are both ECDSA"), "\(checked.all)")
        #expect(!text.contains("stale-served-certificate"), "the pair Dovecot does not serve is not called stale: \(checked.all)\nserved: \(dovecot.servedSHA256())")
        // A renewal could not make Dovecot serve the new pair (the other pair may win), and its
        // proof would roll Postfix back too: asked for, Dovecot refuses the plan; found, it is left alone.
        try fixtures.issueLeaf("renewed")
        let served = dovecot.servedSHA256()
        let asked = try renew("renewed")
        #expect(asked.status == 1 && asked.standardOutput.contains("ERROR [multiple-keys] Dovecot's ssl_cert"), "\(asked.all)")
        #expect(dovecot.servedSHA256() == served && SClientProbe(port: postfix.smtpPort, startTLS: "smtp").sha256 == sha256("a"), "nothing changed")
        // Found beside Postfix (as beside /etc/postfix), not asked for.
        let found = DovecotSituation(request: DovecotRequest(configFile: dovecot.configPath, asked: false),
                                     read: DovecotInstallation.read(configFile: dovecot.configPath, processes: SystemProcessRunner()))
        let parsed = try AnswersJSON.parse(Array(fixtures.answers("renewed", on: postfix, services: [.smtp]).json.utf8), file: "answers.json")
        let plan = PlanBuilder(fileSystem: LocalFileSystem(), installation: PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner()),
                               inspector: Inspector(), servicesFile: nil).covering(found).build(parsed, passphrases: nil, hostname: "mail.example.test")
        let left = plan.findings.first { $0.code == .multipleKeys }
        #expect(left?.severity == .warning && left?.message.hasSuffix("This change leaves Dovecot as it is.") == true && plan.dovecot == nil, "\(plan.findings)")
        _ = try Applier().apply(plan, options: Applier.Options())
        #expect(SClientProbe(port: postfix.smtpPort, startTLS: "smtp").sha256 == sha256("renewed"), "Postfix is renewed")
        #expect(dovecot.servedSHA256() == served, "Dovecot is left as it was")
    }

    /// A run killed during Dovecot's canary left its block and copies. A run that does not
    /// cover Dovecot keeps the copies (Dovecot's next reload would fail without them), and
    /// check names the block: a warning, an error once a file it names is gone.
    @Test func aLeftCanaryBlockKeepsItsFilesAndCheckNamesIt() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        let tls = postfix.root + "/tls"
        let copies = try leaveKilledCanaryBlock(copying: "")
        try fixtures.issueLeaf("b")
        let postfixOnly = try Pftls.run(["renew", "--key", fixtures.path("b.key"), "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem"),
                                         "--config-dir", postfix.configDirectory, "--no-dovecot"])
        #expect(postfixOnly.status == 0, "\(postfixOnly.all)")
        #expect(copies.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "the block's files stay while the block does: \(postfixOnly.all)")
        let check = { try Pftls.run(["check", "--config-dir", self.postfix.configDirectory, "--dovecot-config", self.dovecot.configPath, "--resolver", "none", "--no-probe"]) }
        let warned = oneLine(try check().standardOutput)
        #expect(warned.contains("WARNING [dovecot-canary-left] \(dovecot.configPath) still holds the temporary block (local 127.0.0.2)"), "\(warned)")
        try FileManager.default.removeItem(atPath: copies[1])
        let refused = try check()
        let text = oneLine(refused.standardOutput)
        #expect(refused.status != 0 && text.contains("ERROR [dovecot-canary-left]") && text.contains("files that are gone (\(copies[1]))"), "\(refused.all)")
        // A run that covers Dovecot takes the block away, then its copies, and a killed run's temporary file beside 10-ssl.conf.
        try FileManager.default.copyItem(atPath: tls + "/dovecot-key.pem", toPath: copies[1])
        let temporary = AtomicFileWriter.split(dovecot.sslConfigPath).directory + "/" + AtomicFileWriter.temporaryPrefix + "x1y2z3" + AtomicFileWriter.temporarySuffix
        FileManager.default.createFile(atPath: temporary, contents: Data("half".utf8))
        try fixtures.issueLeaf("c")
        let covered = try renew("c")
        #expect(covered.status == 0, "\(covered.all)\n\(dovecot.log)")
        let config = try String(contentsOfFile: dovecot.configPath, encoding: .utf8)
        #expect(!copies.contains { FileManager.default.fileExists(atPath: $0) } && !config.contains("127.0.0.2"), "\(covered.all)")
        #expect(!FileManager.default.fileExists(atPath: temporary), "\(covered.all)")
    }

    /// A run stopped after its writes and before its reloads (here `--no-reload`, as a kill
    /// leaves it): the same renewal again has nothing to write, and reloads what still serves
    /// the old certificate, proving each listener of both, instead of "nothing to change".
    @Test func theSameRenewalAgainDeploysFilesThatWereNeverLoaded() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        try fixtures.issueLeaf("b")
        let written = try renew("b", ["--no-reload"])
        #expect(written.status == 0, "\(written.all)")
        #expect(Set(served().values) == [sha256("a")], "written, not loaded: \(served())")
        let again = try renew("b", ["--json"])
        #expect(again.status == 0, "\(again.all)\n\(dovecot.log)")
        expectEverywhere("b", "the same renewal again")
        let object = try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any]
        let log = (object?["log"] as? [String] ?? []).joined(separator: "\n")
        #expect(object?["changed"] as? Bool == false && log.contains("do not serve them") && log.contains("reloaded Postfix")
                && log.contains("Dovecot reloaded"), "\(again.standardOutput)")
        #expect((object?["probes"] as? [[String: Any]])?.count == 8, "every listener of both proven: \(again.standardOutput)")
        let third = try renew("b")
        #expect(third.status == 0 && !third.standardOutput.contains("reloading") && third.standardOutput.contains("already installed"),
                "served as installed: nothing reloaded: \(third.all)")
    }

    /// A renewal writes Dovecot's new pair to the name set its configuration does not name,
    /// and switches the configuration to it last, in one rename: killed at any write, the
    /// configuration names one whole generation (before: the old set, untouched; after: the
    /// new one), never a new key beside an old certificate.
    @Test func dovecotsNewPairGoesToTheOtherSetAndTheConfigurationSwitchesLast() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        try fixtures.issueLeaf("b")
        var planned = fixtures.answers("b", on: postfix, services: [.smtp, .submission, .submissions])
        planned.dovecotConfig = dovecot.configPath
        let found = DovecotSituation(request: DovecotRequest(configFile: dovecot.configPath, asked: true),
                                     read: DovecotInstallation.read(configFile: dovecot.configPath, processes: SystemProcessRunner()))
        let plan = PlanBuilder(fileSystem: LocalFileSystem(), installation: PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner()),
                               inspector: Inspector(), servicesFile: nil).covering(found)
            .build(try AnswersJSON.parse(Array(planned.json.utf8), file: "answers.json"), passphrases: nil, hostname: "mail.example.test")
        let order = plan.changedFiles.map(\.path)
        let tls = postfix.root + "/tls"
        #expect(order.firstIndex(of: tls + "/dovecot-key-b.pem") != nil && order.firstIndex(of: tls + "/dovecot-cert-b.pem") != nil, "\(order)")
        #expect(order.last == dovecot.sslConfigPath && !order.contains(tls + "/dovecot-key.pem"), "the configuration is put in place last: \(order)")
        let outcome = try Applier().apply(plan, options: Applier.Options())
        // The way back in the same order: the configuration first, then the new set goes.
        let script = try String(contentsOfFile: try #require(outcome.backupDirectory) + "/restore.sh", encoding: .utf8)
        let configBack = try #require(script.range(of: "mv -f '\(dovecot.sslConfigPath)'.pftls-restore"), "\(script)")
        let newSetGone = try #require(script.range(of: "rm -f '\(tls)/dovecot-key-b.pem'"), "\(script)")
        #expect(configBack.lowerBound < newSetGone.lowerBound, "\(script)")
        let ssl = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        #expect(ssl.contains(tls + "/dovecot-cert-b.pem") && ssl.contains(tls + "/dovecot-key-b.pem"), "\(ssl)")
        #expect(SClientProbe.sha256(pem: try String(contentsOfFile: tls + "/dovecot-cert.pem", encoding: .utf8)) == sha256("a"), "the old set is left whole")
        expectEverywhere("b", "the switch")
        try fixtures.issueLeaf("c")
        #expect(try renew("c").status == 0)
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8).contains(tls + "/dovecot-cert.pem"), "and back to the first set")
        expectEverywhere("c", "the next renewal")
    }

    /// Postfix's SNI entry for a name that a Dovecot `local_name` block serves with files of its
    /// own: pftls does not edit the block, and the plan says so (naming the files to point it
    /// at), unless the block already names the entry's certificate.
    @Test func aLocalNameBlockForAnSNINameIsNamedWhenItKeepsOtherFiles() throws {
        try fixtures.issueLeaf("a")
        try fixtures.issueLeaf("other-old", hostname: "imap.other.test")
        try fixtures.issueLeaf("other", hostname: "imap.other.test")
        let original = try String(contentsOfFile: dovecot.configPath, encoding: .utf8)
        let block = { (leaf: String) in "\nlocal_name imap.other.test {\n  ssl_cert = <\(self.fixtures.path(leaf + ".pem"))\n  ssl_key = <\(self.fixtures.path(leaf + ".key"))\n}\n" }
        try (original + block("other-old")).write(toFile: dovecot.configPath, atomically: true, encoding: .utf8)
        _ = try dovecot.reload()
        let entry = "\"sni\": [{\"names\": [\"imap.other.test\"], \"privateKey\": \"\(fixtures.path("other.key"))\", \"certificate\": \"\(fixtures.path("other.pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}], "
        let base = try String(contentsOfFile: answers("a"), encoding: .utf8)
        let file = fixtures.write("answers-sni-other.json", "{" + entry + String(base.drop { $0 != "{" }.dropFirst()))
        let planned = try postfix.apply(answers: file, ["--dry-run"])
        let text = oneLine(planned.standardOutput)
        #expect(text.contains("[dovecot-files-kept] Dovecot's local_name block for imap.other.test keeps serving \(fixtures.path("other-old.pem"))")
                && text.contains("does not edit Dovecot's local_name blocks: point that block's ssl lines at the same key and certificate (\(fixtures.path("other.key"))"),
                "\(planned.all)")
        // Installed in Postfix only: check compares the block with Postfix's SNI entry for the name.
        try #require(try postfix.apply(answers: file).status == 0)
        let check = { try Pftls.run(["check", "--config-dir", self.postfix.configDirectory, "--dovecot-config", self.dovecot.configPath, "--no-probe"]) }
        let differs = oneLine(try check().standardOutput)
        #expect(differs.contains("[dovecot-differs-from-postfix] Dovecot serves another certificate for imap.other.test")
                && differs.contains("point the block for imap.other.test in \(dovecot.configPath) at the same key and certificate"), "\(differs)")
        try (original + block("other")).write(toFile: dovecot.configPath, atomically: true, encoding: .utf8)
        _ = try dovecot.reload()
        let inStep = try postfix.apply(answers: file, ["--dry-run"])
        #expect(inStep.status == 0 && !inStep.standardOutput.contains("local_name block for imap.other.test"), "\(inStep.all)")
        #expect(!(try check().standardOutput.contains("another certificate for imap.other.test")), "in step now")
    }

    /// A killed canary's block names copies in the certificate directory. The next run's
    /// canary (`listen = *`) uses copies of its own, so the block's stay while the original
    /// file holds it; the change removes the block and then its copies, which it backed up
    /// with the keys: the rollback command puts both back, and Dovecot can load them.
    @Test func aLeftCanaryBlockAndItsCopiesGoTogetherAndComeBackTogether() throws {
        try dovecot.rewrite { $0.listen = "*" }
        _ = try dovecot.reload()
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        let tls = postfix.root + "/tls"
        let copies = try leaveKilledCanaryBlock(copying: "-b")
        try fixtures.issueLeaf("b")
        let renewed = try renew("b", ["--json"])
        #expect(renewed.status == 0, "\(renewed.all)\n\(dovecot.log)")
        #expect(renewed.standardOutput.contains("the temporary listener") || renewed.standardOutput.contains("127.0.0.2"), "the canary ran: \(renewed.standardOutput)")
        expectEverywhere("b", "the renewal")
        let cleaned = try String(contentsOfFile: dovecot.configPath, encoding: .utf8)
        #expect(!copies.contains { FileManager.default.fileExists(atPath: $0) } && !cleaned.contains("127.0.0.2"), "\(cleaned)")
        let object = try JSONSerialization.jsonObject(with: Data(renewed.standardOutput.utf8)) as? [String: Any]
        let backup = try #require(object?["backupDirectory"] as? String, "\(renewed.standardOutput)")
        let restored = Shell.run("sh", [backup + "/restore.sh"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(copies.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "the block is back, and so are the files it names")
        #expect(DovecotCommand(processes: SystemProcessRunner(), configFile: dovecot.configPath).gate() == nil, "Dovecot can load what was put back")
        expectEverywhere("a", "restore.sh")
    }

    /// Dovecot loaded a key and a certificate that do not match (the files on disk were put
    /// right afterwards): every handshake fails. The same renewal again has nothing to write,
    /// and reloads Dovecot rather than calling the files in place served.
    @Test func theSameRenewalAgainReloadsAServerWhoseHandshakesFail() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        let key = postfix.root + "/tls/dovecot-key.pem"
        let good = try Data(contentsOf: URL(fileURLWithPath: key))
        try fixtures.issueLeaf("stranger")
        try Data(contentsOf: URL(fileURLWithPath: fixtures.path("stranger.key"))).write(to: URL(fileURLWithPath: key))
        _ = try dovecot.reload()
        // A connection makes Dovecot read the files (its configuration is read lazily after a reload).
        #expect(SClientProbe(port: dovecot.listener("imaps").port, startTLS: nil).sha256 == nil, "no handshake: \(dovecot.log)")
        try good.write(to: URL(fileURLWithPath: key))
        #expect(SClientProbe(port: dovecot.listener("imaps").port, startTLS: nil).sha256 == nil, "still none with the right key on disk: \(dovecot.log)")
        let again = try renew("a")
        #expect(again.status == 0 && again.standardOutput.contains("do not serve them") && again.standardOutput.contains("Dovecot reloaded"), "\(again.all)")
        #expect(again.standardOutput.contains("The files were already in place, but Dovecot had not loaded them") && !again.standardOutput.contains("already installed"),
                "the last word says what happened: \(again.all)")
        expectEverywhere("a", "the same renewal again")
    }

    /// A listener that refuses TLS for a reason of its own (`ssl = no` for POP3) answers the
    /// probe with a refusal no reload mends: the same renewal again leaves the servers alone.
    @Test func theSameRenewalAgainDoesNotReloadForARefusalTheServerAnswered() throws {
        try fixtures.issueLeaf("a")
        try #require(try postfix.apply(answers: answers("a")).status == 0)
        try appendToDovecotAndReload("\nprotocol pop3 {\n  ssl = no\n}\n")
        let again = try renew("a")
        #expect(again.status == 0 && !again.standardOutput.contains("reloading") && again.standardOutput.contains("already installed"), "\(again.all)")
    }

    /// A `local ADDRESS` block with its own files keeps serving them there: the plan says so
    /// before anything changes, naming the block, as it does for a local_name block.
    @Test func aLocalBlockWithItsOwnFilesIsNamedInThePlan() throws {
        let block = "\nlocal 127.0.0.1 {\n  ssl_cert = <\(fixtures.path("old.pem"))\n  ssl_key = <\(fixtures.path("old.key"))\n}\n"
        try appendToDovecot(block)
        try fixtures.issueLeaf("a")
        let planned = try postfix.apply(answers: answers("a"), ["--dry-run"])
        let text = oneLine(planned.standardOutput)
        #expect(text.contains("[dovecot-files-kept] Dovecot's local 127.0.0.1 block keeps serving \(fixtures.path("old.pem"))"), "\(planned.all)")
    }

    @Test func aDovecotThatDoesNotTakeTheNewFilesRollsBothBack() throws {
        try fixtures.issueLeaf("a")
        #expect(try postfix.apply(answers: answers("a")).status == 0)
        let before = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        // Dovecot's master is stopped: the reload cannot happen, the old leaf stays served.
        let master = try #require(Int32((try String(contentsOfFile: dovecot.root + "/run/master.pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(master, SIGSTOP)
        defer { kill(master, SIGCONT) }
        try fixtures.issueLeaf("b")
        let renewed = try renew("b")
        kill(master, SIGCONT)
        #expect(renewed.status != 0, "\(renewed.all)")
        #expect(renewed.standardError.contains("pftls renew: [not-served] dovecot imap 127.0.0.1:\(dovecot.listener("imap").port)"), "\(renewed.all)")
        #expect(renewed.all.contains("The previous files were restored"), "\(renewed.all)")
        #expect(renewed.all.contains("Dovecot reloaded with the old files"), "\(renewed.all)")
        let restored = renewed.standardOutput.range(of: "restored the previous files"), reloaded = renewed.standardOutput.range(of: "Dovecot reloaded with the old files")
        #expect(restored != nil && reloaded != nil && restored!.lowerBound < reloaded!.lowerBound, "the log says it in the order it happens: \(renewed.standardOutput)")
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8) == before)
        Thread.sleep(forTimeInterval: 1)
        expectEverywhere("a", "the rollback")
    }

    @Test func filesSwappedBehindDovecotsBackAreReportedStale() throws {
        try fixtures.issueLeaf("a")
        #expect(try postfix.apply(answers: answers("a")).status == 0)
        let b = try fixtures.issueLeaf("b")
        // Another tool writes new files and forgets `doveadm reload`.
        let pem = try String(contentsOfFile: fixtures.path("b.pem"), encoding: .utf8) + String(contentsOfFile: fixtures.path("intermediate.pem"), encoding: .utf8)
        try pem.write(toFile: postfix.root + "/tls/dovecot-cert.pem", atomically: true, encoding: .utf8)
        try String(contentsOfFile: fixtures.path("b.key"), encoding: .utf8).write(toFile: postfix.root + "/tls/dovecot-key.pem", atomically: true, encoding: .utf8)
        chmod(postfix.root + "/tls/dovecot-key.pem", 0o600)
        let check = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--private-ca"])
        #expect(check.status == 1, "\(check.all)")
        #expect(check.standardOutput.contains("[stale-served-certificate] dovecot imaps 127.0.0.1:\(dovecot.listener("imaps").port) serves another certificate"), "\(check.all)")
        #expect(check.standardOutput.contains("doveadm reload"), "\(check.all)")
        #expect(check.standardOutput.contains("[dovecot-differs-from-postfix]"), "\(check.all)")
        let nagios = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--private-ca", "--format", "nagios"])
        #expect(nagios.status == 2 && nagios.standardOutput.hasPrefix("PFTLS CRITICAL"), "\(nagios.all)")
        // The metrics say the same: Dovecot's listeners answer, with another leaf than its file holds.
        let prometheus = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--private-ca", "--format", "prometheus"])
        let metrics = try PrometheusText(prometheus.standardOutput)
        let imaps = ["daemon": "dovecot", "service": "imaps", "address": "127.0.0.1:\(dovecot.listener("imaps").port)"]
        #expect(metrics.values("pftls_listener_serves_installed", imaps) == [0] && metrics.values("pftls_listener_up", imaps) == [1], "\(prometheus.all)")
        #expect(metrics.values("pftls_certificate_expiry_timestamp_seconds", ["daemon": "dovecot", "source": "file"]) == [b.notAfter.timeIntervalSince1970])
        _ = try dovecot.reload()
        let after = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--dovecot-config", dovecot.configPath, "--private-ca", "--json"])
        #expect(!after.standardOutput.contains("stale-served-certificate"), "\(after.all)")
        #expect(after.standardOutput.contains("\"dovecot\""), "\(after.all)")
    }

    @Test func theCanaryTriesTheNewFilesOnABlockFor127002First() throws {
        try dovecot.rewrite { $0.listen = "*" }
        _ = try dovecot.reload()
        try fixtures.issueLeaf("a")
        let main = try String(contentsOfFile: dovecot.configPath, encoding: .utf8)
        let applied = try postfix.apply(answers: answers("a"))
        #expect(applied.status == 0, "\(applied.all)\n\(dovecot.log)")
        #expect(applied.standardOutput.contains("trying Dovecot's new certificate on a temporary block for 127.0.0.2:"), "\(applied.all)")
        #expect(applied.standardOutput.contains("Dovecot's temporary block served the new certificate"), "\(applied.all)")
        #expect(try String(contentsOfFile: dovecot.configPath, encoding: .utf8) == main, "the block is gone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: postfix.root + "/tls").filter { $0.hasPrefix(".pftls-canary-") }.isEmpty)
        expectEverywhere("a", "apply")

        // A Dovecot that cannot reload fails its canary: nothing live changes.
        let master = try #require(Int32((try String(contentsOfFile: dovecot.root + "/run/master.pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let ssl = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        kill(master, SIGSTOP)
        defer { kill(master, SIGCONT) }
        try fixtures.issueLeaf("b")
        let refused = try renew("b")
        kill(master, SIGCONT)
        #expect(refused.status != 0 && refused.all.contains("Dovecot's canary failed, nothing was changed"), "\(refused.all)")
        #expect(ConfigFiles.snapshot(postfix.configDirectory).filter { !$0.key.contains("pftls-backups") } == before.filter { !$0.key.contains("pftls-backups") })
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8) == ssl)
        #expect(try String(contentsOfFile: dovecot.configPath, encoding: .utf8) == main, "the block is gone")
        Thread.sleep(forTimeInterval: 1)
        expectEverywhere("a", "the refused canary")
    }

    /// Real programs, except that `doveadm reload` finds Dovecot gone: it stops the
    /// throwaway instance first, as a Dovecot that dies during the change would be.
    struct ReloadThatFindsDovecotGone: ProcessRunner {
        let real = SystemProcessRunner()
        let dovecot: ThrowawayDovecot
        func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
            if program == "doveadm", arguments.last == "reload", dovecot.isRunning {
                let master = Int32((try? String(contentsOfFile: dovecot.root + "/run/master.pid", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
                dovecot.stop()
                for _ in 0..<100 where master > 0 && kill(master, 0) == 0 { usleep(20_000) }
            }
            return try real.run(program, arguments)
        }
    }

    /// The plan `apply` makes for leaf `leaf` on smtp, covering the throwaway Dovecot.
    private func dovecotPlan(_ leaf: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ChangePlan {
        try fixtures.issueLeaf(leaf)
        var answers = fixtures.answers(leaf, on: postfix, services: [.smtp])
        answers.dovecotConfig = dovecot.configPath
        let parsed = try AnswersJSON.parse(Array(answers.json.utf8), file: "answers.json")
        let installation = PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner())
        let situation = DovecotRequest(configFile: dovecot.configPath, asked: true).read(processes: SystemProcessRunner())
        let plan = PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: Inspector(), servicesFile: nil)
            .covering(situation).build(parsed, passphrases: nil, hostname: "mail.example.test")
        #expect(plan.dovecot != nil && !plan.hasErrors, "\(plan.findings.map(\.message))", sourceLocation: sourceLocation)
        return plan
    }

    @Test func aRunForAnotherPostfixThatHoldsDovecotWaitsThenRefusesAndChangesNothing() throws {
        let plan = try dovecotPlan("a")
        let ssl = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        let held = try ConfigLock(configDirectory: dovecot.configDirectory, wait: 1)
        #expect {
            _ = try Applier().apply(plan, options: Applier.Options(lockWait: 1))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            return !failure.rolledBack && failure.description.contains(dovecot.configDirectory)
        }
        withExtendedLifetime(held) {}
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8) == ssl)
    }

    @Test func aDovecotThatStopsDuringTheChangeRollsBothBack() throws {
        let plan = try dovecotPlan("a")
        let ssl = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        #expect {
            _ = try Applier(processes: ReloadThatFindsDovecotGone(dovecot: dovecot)).apply(plan, options: Applier.Options(probeDeadline: 3))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            return failure.rolledBack && failure.description.contains("does not run any more")
        }
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8) == ssl)
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before)
    }

    @Test func noDovecotLeavesItAlone() throws {
        try fixtures.issueLeaf("a")
        let before = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        let applied = try postfix.apply(answers: answers("a"), ["--no-dovecot"])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(!applied.standardOutput.contains("[dovecot-covered]") && !applied.standardOutput.contains("doveadm"), "\(applied.all)")
        #expect(try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8) == before)
        #expect(dovecot.servedSHA256()["imaps"] == SClientProbe.sha256(pem: try String(contentsOfFile: fixtures.path("old.pem"), encoding: .utf8)))
    }
}
