import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// certbot runs its deploy hooks for every certificate it renews, the web server's too:
/// `pftls renew` (from `$RENEWED_LINEAGE`) and contrib/certbot/pftls install Postfix's
/// lineage only, on a real Postfix whose certificate names mail.example.test (myhostname)
/// and smtp.example.test. certbot's live/ and archive/ directories are made at test time.
@Suite(.serialized, .tags(.endToEnd)) struct CertbotDeployHookTests {
    static let namesInUse = ["mail.example.test", "smtp.example.test"]
    static let hookScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib/certbot/pftls").path

    let serving: ServingPostfix
    let certbot: CertbotTree

    init() throws {
        serving = try ServingPostfix(names: Self.namesInUse)
        certbot = CertbotTree(root: serving.postfix.root + "/letsencrypt", fixtures: serving.fixtures)
    }

    private var configDirectory: String { serving.postfix.configDirectory }

    /// `pftls renew` as certbot's `--deploy-hook` after it renewed `lineage`.
    private func renewAsHook(_ lineage: String, _ options: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["renew", "--config-dir", configDirectory] + options, environment: ["RENEWED_LINEAGE": certbot.live(lineage)])
    }

    /// contrib/certbot/pftls as certbot runs it after it renewed `lineage`, with `settings`
    /// as /etc/default/pftls (and the Postfix of the test).
    private func runHookScript(_ lineage: String, settings: String) throws -> Pftls.Result {
        let defaults = serving.fixtures.write("default-pftls", "PFTLS_CERTBOT_HOOK=yes\n" + settings
                                              + "\nPFTLS_RENEW_ARGS=\"--config-dir \(configDirectory) ${PFTLS_RENEW_ARGS:-}\"\n")
        return try Pftls.runProgram("/bin/sh", [Self.hookScript], environment: [
            "RENEWED_LINEAGE": certbot.live(lineage), "RENEWED_DOMAINS": lineage, "PFTLS": Pftls.executable, "PFTLS_DEFAULTS": defaults])
    }

    private func expectServed(_ leaf: Certificate, _ comment: Comment) {
        for served in serving.served() { #expect(served?.isSame(as: leaf) == true, comment) }
    }

    @Test func aForeignLineageIsSkippedWithExitZeroAndNothingChanges() throws {
        try certbot.issue("www.other.test", names: ["www.other.test"])
        let before = serving.postfix.snapshot()
        let skipped = try renewAsHook("www.other.test")
        #expect(skipped.status == 0, "certbot must not count the skip as a failure: \(skipped.all)")
        #expect(skipped.standardOutput.contains(
            "skipped certbot lineage www.other.test: its certificate covers none of the names in use (mail.example.test, smtp.example.test)"), "\(skipped.all)")
        #expect(serving.postfix.snapshot() == before, "main.cf, master.cf and the certificate files are untouched")
        expectServed(serving.first, "Postfix keeps serving its own certificate")

        let json = try renewAsHook("www.other.test", ["--json"])
        #expect(json.status == 0, "\(json.all)")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect((object?["skipped"] as? String)?.contains("www.other.test") == true, "\(json.standardOutput)")
        #expect(object?["changed"] as? Bool == false)
        #expect(serving.postfix.snapshot() == before)
    }

    /// Once the ledger records the lineage the certificate in use came from, a web server's
    /// lineage that also covers the mail name is not Postfix's: skipped, nothing changed;
    /// the recorded lineage's next renewal is installed.
    @Test func aWebLineageCoveringTheMailNameIsSkippedOnceTheLedgerNamesPostfixsLineage() throws {
        let mail = try certbot.issue("mail", names: Self.namesInUse)
        let first = try Pftls.run(["renew", "--config-dir", configDirectory, "--from-certbot", "mail", "--certbot-dir", certbot.root])
        #expect(first.status == 0, "\(first.all)")
        expectServed(mail, "installed from its lineage")
        try certbot.issue("www", names: ["www.example.test"] + Self.namesInUse)
        let before = serving.postfix.snapshot()
        let web = try renewAsHook("www")
        #expect(web.status == 0, "\(web.all)")
        #expect(web.standardOutput.contains("skipped certbot lineage www: the certificate in use was installed from lineage mail (deploy ledger)"), "\(web.all)")
        #expect(serving.postfix.snapshot() == before)
        expectServed(mail, "the web lineage's certificate is not installed")
        let renewed = try certbot.issue("mail", names: Self.namesInUse, version: 2)
        let own = try renewAsHook("mail")
        #expect(own.status == 0 && own.standardOutput.contains("installing certbot lineage mail"), "\(own.all)")
        expectServed(renewed, "the recorded lineage's renewal is installed")
    }

    /// The recorded lineage is the source of the pair a lineage would replace, not of every
    /// pair: a lineage of the other key type (none recorded for its pair) installs; and a
    /// recorded lineage certbot no longer has (renamed to -0001) stops counting.
    @Test func theRecordedLineageIsWeighedPerPairAndOnlyWhileItExists() throws {
        _ = try certbot.issue("mail", names: Self.namesInUse)
        let first = try Pftls.run(["renew", "--config-dir", configDirectory, "--from-certbot", "mail", "--certbot-dir", certbot.root])
        #expect(first.status == 0, "\(first.all)")
        let rsa = try certbot.issue("mail-rsa", names: Self.namesInUse, key: .rsa(bits: 2048))
        let second = try renewAsHook("mail-rsa")
        #expect(second.status == 0 && second.standardOutput.contains("installing certbot lineage mail-rsa"), "\(second.all)")
        #expect(SClientProbe(port: serving.postfix.smtpPort, startTLS: "smtp", sigalgs: ServerKeyType.rsa.signatureAlgorithms).sha256
                    == SClientProbe.sha256(pem: rsa.pem), "the RSA pair is the new lineage's")
        // certbot renamed the ECDSA lineage: the old one is gone, the new one is Postfix's.
        try FileManager.default.removeItem(atPath: certbot.live("mail"))
        try FileManager.default.removeItem(atPath: certbot.root + "/archive/mail")
        let renamed = try certbot.issue("mail-0001", names: Self.namesInUse)
        let third = try renewAsHook("mail-0001")
        #expect(third.status == 0 && third.standardOutput.contains("installing certbot lineage mail-0001"), "\(third.all)")
        #expect(SClientProbe(port: serving.postfix.smtpPort, startTLS: "smtp", sigalgs: ServerKeyType.ecdsa.signatureAlgorithms).sha256
                    == SClientProbe.sha256(pem: renamed.pem))
    }

    @Test func postfixsOwnLineageIsInstalledAndServed() throws {
        // The lineage's name is not a host name: its certificate's names decide.
        let renewed = try certbot.issue("mail", names: Self.namesInUse + ["mx.example.test"])
        let installed = try renewAsHook("mail")
        #expect(installed.status == 0, "\(installed.all)")
        #expect(installed.standardOutput.contains("installing certbot lineage mail: its certificate covers mail.example.test, a name in use."),
                "\(installed.all)")
        expectServed(renewed, "the renewed certificate is on the wire")
    }

    @Test func theConfiguredLineageIsTheOnlyOneInstalledWhateverItsNames() throws {
        try certbot.issue("mail.example.test", names: Self.namesInUse)
        let configured = try certbot.issue("postfix-mx", names: ["mx.example.test"])
        let settings = "PFTLS_CERTBOT_LINEAGE=postfix-mx"
        let before = serving.postfix.snapshot()

        let other = try runHookScript("mail.example.test", settings: settings)
        #expect(other.status == 0, "\(other.all)")
        #expect(other.standardOutput.contains("skipped certbot lineage mail.example.test: Postfix's lineage is postfix-mx (--lineage)."), "\(other.all)")
        #expect(serving.postfix.snapshot() == before)

        // Accepted, but it drops the names in use: refused until that is asked for.
        let refused = try runHookScript("postfix-mx", settings: settings)
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.standardOutput.contains("installing certbot lineage postfix-mx: it is the lineage set for Postfix (--lineage)."), "\(refused.all)")
        #expect(refused.standardOutput.contains("ERROR [names-dropped]"), "\(refused.all)")
        #expect(serving.postfix.snapshot() == before, "a refusal changes nothing")
        expectServed(serving.first, "refused: the old certificate keeps serving")

        let installed = try runHookScript("postfix-mx", settings: settings + "\nPFTLS_RENEW_ARGS=--allow-names-dropped")
        #expect(installed.status == 0, "\(installed.all)")
        #expect(installed.standardOutput.contains("WARNING [names-dropped]") && installed.standardOutput.contains("WARNING [hostname-mismatch]"),
                "\(installed.all)")
        expectServed(configured, "the configured lineage is on the wire")
    }

    @Test func aRenewalThatDropsANameInUseIsRefusedUnlessAskedFor() throws {
        let narrower = try certbot.issue("mail.example.test", names: ["mail.example.test"])
        let before = serving.postfix.snapshot()

        let hook = try renewAsHook("mail.example.test")
        #expect(hook.status == 1, "\(hook.all)")
        #expect(hook.standardOutput.contains("ERROR [names-dropped]") && hook.standardOutput.contains("DNS:smtp.example.test"), "\(hook.all)")
        #expect(hook.standardOutput.contains("--allow-names-dropped"), "the refusal says how to go on: \(hook.all)")
        #expect(hook.standardError.contains("refused; nothing was changed"), "\(hook.all)")

        // With files named, the same refusal, in --json too.
        let files = ["renew", "--config-dir", configDirectory, "--key", certbot.live("mail.example.test") + "/privkey.pem",
                     "--cert", certbot.live("mail.example.test") + "/fullchain.pem"]
        let explicit = try Pftls.run(files)
        #expect(explicit.status == 1, "\(explicit.all)")
        #expect(explicit.standardOutput.contains("ERROR [names-dropped]"), "\(explicit.all)")
        let json = try Pftls.run(files + ["--json"])
        #expect(json.status == 1, "\(json.all)")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["code"] as? String == "names-dropped" && $0["severity"] as? String == "error" }, "\(json.standardOutput)")
        #expect(object?["code"] as? String == "names-dropped" && (object?["error"] as? String)?.contains("Nothing was changed") == true,
                "a refusal stops the command, as the README says: \(json.standardOutput)")
        #expect(serving.postfix.snapshot() == before, "no refusal changed a file")
        expectServed(serving.first, "refused: the old certificate keeps serving")

        let allowed = try Pftls.run(files + ["--allow-names-dropped"])
        #expect(allowed.status == 0, "\(allowed.all)")
        #expect(allowed.standardOutput.contains("WARNING [names-dropped]"), "\(allowed.all)")
        expectServed(narrower, "asked for: the narrower certificate is installed")
    }

    @Test func theHookScriptSkipsAForeignLineageAndInstallsPostfixs() throws {
        try certbot.issue("www.other.test", names: ["www.other.test"])
        let before = serving.postfix.snapshot()
        let skipped = try runHookScript("www.other.test", settings: "")
        #expect(skipped.status == 0, "\(skipped.all)")
        #expect(skipped.standardOutput.contains("skipped certbot lineage www.other.test"), "\(skipped.all)")
        #expect(serving.postfix.snapshot() == before)
        expectServed(serving.first, "Postfix keeps serving its own certificate")

        let renewed = try certbot.issue("mail.example.test", names: Self.namesInUse)
        let installed = try runHookScript("mail.example.test", settings: "")
        #expect(installed.status == 0, "\(installed.all)")
        expectServed(renewed, "the hook installed Postfix's renewed lineage")
    }

    @Test func theHookHandsOnPftlsOwnSettingsFromTheDefaultsFile() throws {
        // certbot's environment has no PFTLS_RESOLVER: only the defaults file sets it.
        let defaults = serving.fixtures.write("default-pftls-resolver", "PFTLS_CERTBOT_HOOK=yes\nPFTLS_RESOLVER=not-a-resolver\n"
                                              + "PFTLS_RENEW_ARGS=\"--config-dir \(configDirectory)\"\n")
        try certbot.issue("mail.example.test", names: Self.namesInUse)
        let before = serving.postfix.snapshot()
        let run = try Pftls.runProgram("/usr/bin/env", ["-u", "PFTLS_RESOLVER", "/bin/sh", Self.hookScript], environment: [
            "RENEWED_LINEAGE": certbot.live("mail.example.test"), "RENEWED_DOMAINS": "mail.example.test", "PFTLS": Pftls.executable,
            "PFTLS_DEFAULTS": defaults])
        #expect(run.status == 2 && run.standardError.contains("not-a-resolver"), "renew read the file's resolver: \(run.all)")
        #expect(serving.postfix.snapshot() == before)
    }
}
