import Foundation
import Testing
@testable import PftlsCore

/// `pftls renew` on a real, running Postfix: the new certificate on the wire, or the old one still serving.
@Suite(.serialized) struct RenewCommandTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
        try postfix.start()
        try fixtures.issueLeaf("a")
        let answers = fixtures.write("answers.json", """
        {"certificateDirectory": "\(postfix.root)/tls", "privateKey": "\(fixtures.path("a.key"))",
         "certificate": "\(fixtures.path("a.pem"))", "intermediates": ["\(fixtures.path("intermediate.pem"))"],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "hostname": "mail.example.test",
         "services": [{"name": "smtp", "listen": "127.0.0.1:\(postfix.smtpPort)"}, {"name": "submission", "listen": "127.0.0.1:\(postfix.submissionPort)"},
                      {"name": "submissions", "listen": "127.0.0.1:\(postfix.submissionsPort)"}]}
        """)
        let applied = try Pftls.run(["apply", "--answers", answers, "--config-dir", postfix.configDirectory])
        precondition(applied.status == 0, applied.all)
    }

    /// The leaf each listener serves now.
    private func served() -> [Certificate?] {
        [(postfix.smtpPort, TLSProbeMode.startTLS), (postfix.submissionPort, .startTLS), (postfix.submissionsPort, .implicit)].map {
            TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: $0.0, mode: $0.1).leaf
        }
    }

    private func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for base in [postfix.configDirectory, postfix.root + "/tls"] {
            for case let name as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] where !name.contains("pftls-backups") {
                if let data = FileManager.default.contents(atPath: base + "/" + name) { files[base + "/" + name] = data }
            }
        }
        return files
    }

    @Test func renewingToANewKeyServesItEverywhereAndTwiceChangesNothing() throws {
        let leafB = try fixtures.issueLeaf("b")
        let arguments = ["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("b.key"),
                         "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem")]
        let renewed = try Pftls.run(arguments)
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("3 1 1 "), "a new key prints its TLSA record")
        for leaf in served() { #expect(leaf?.isSame(as: leafB) == true) }
        let before = snapshot()
        let again = try Pftls.run(arguments)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Nothing to change"))
        #expect(snapshot() == before)
    }

    @Test func aKeyThatDoesNotMatchIsRefusedAndTheOldCertificateKeepsServing() throws {
        let leafA = try String(contentsOfFile: fixtures.path("a.pem"), encoding: .utf8)
        try fixtures.issueLeaf("c")
        let before = snapshot()
        let refused = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("a.key"),
                                     "--cert", fixtures.path("c.pem"), "--chain", fixtures.path("intermediate.pem")])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("[key-cert-mismatch]"))
        #expect(snapshot() == before, "the files must be byte-identical")
        for leaf in served() { #expect(leaf?.pem == leafA) }
    }

    @Test func certbotsDeployHookWithSymlinkedLineage() throws {
        // Laid out as certbot does: live/NAME/*.pem are symlinks into archive/NAME/*N.pem.
        let letsencrypt = postfix.root + "/letsencrypt"
        let archive = letsencrypt + "/archive/mail.example.test"
        let live = letsencrypt + "/live/mail.example.test"
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let leaf = try fixtures.issueLeaf("le")
        try FileManager.default.copyItem(atPath: fixtures.path("le.key"), toPath: archive + "/privkey1.pem")
        FileManager.default.createFile(atPath: archive + "/fullchain1.pem", contents: Data((leaf.pem + fixtures.intermediate.certificate.pem).utf8))
        try FileManager.default.createSymbolicLink(atPath: live + "/privkey.pem", withDestinationPath: "../../archive/mail.example.test/privkey1.pem")
        try FileManager.default.createSymbolicLink(atPath: live + "/fullchain.pem", withDestinationPath: "../../archive/mail.example.test/fullchain1.pem")

        let hook = try Pftls.run(["renew", "--config-dir", postfix.configDirectory], environment: ["RENEWED_LINEAGE": live])
        #expect(hook.status == 0, "\(hook.all)")
        for served in served() { #expect(served?.isSame(as: leaf) == true) }
        // The symlinks and the archive are left as certbot made them.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: live + "/privkey.pem")) == "../../archive/mail.example.test/privkey1.pem")
    }

    @Test func renewingThroughTheWizardInTmux() throws {
        let incoming = postfix.root + "/incoming-b"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let work = try CLIFixtures(directory: incoming, sharing: fixtures)
        let leafB = try work.issueLeaf("b")
        work.write("intermediate.pem", fixtures.intermediate.certificate.pem)
        let session = try TmuxSession("cd \(incoming) && \(Pftls.executable) wizard --config-dir \(postfix.configDirectory)")
        #expect(session.waitFor("Renew the certificate"), "\(session.screen)")
        session.send("Right")
        session.send("Enter")
        #expect(session.waitFor("Key: b.key"), "\(session.screen)")
        #expect(session.waitFor("CN=mail.example.test, EC P-256"), "the files were inspected: \(session.screen)")
        #expect(session.screen.contains("2 Files") && !session.screen.contains("4 Levels"), "renewal skips the unchanged choices")
        session.send("Enter")
        #expect(session.waitFor("Steps:"), "\(session.screen)")
        #expect(session.screen.contains("replace \(postfix.root)/tls/smtpd-chain.pem"), "only the key and chain file changes")
        session.send("Enter")
        #expect(session.waitFor("The new configuration is in place.", timeout: 30), "\(session.screen)")
        for leaf in served() { #expect(leaf?.isSame(as: leafB) == true) }
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"))
    }
}
