import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls renew` on a real, running Postfix: the new certificate on the wire, or the old one still serving.
@Suite(.serialized, .tags(.endToEnd)) struct RenewCommandTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    let serving: ServingPostfix

    init() throws {
        serving = try ServingPostfix()
        (postfix, fixtures) = (serving.postfix, serving.fixtures)
    }

    private func served() -> [Certificate?] { serving.served() }

    @Test func renewingToANewKeyServesItEverywhereAndTwiceChangesNothing() throws {
        let leafB = try fixtures.issueLeaf("b")
        let arguments = ["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("b.key"),
                         "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem")]
        let renewed = try Pftls.run(arguments)
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("3 1 1 "), "a new key prints its TLSA record")
        for leaf in served() { #expect(leaf?.isSame(as: leafB) == true) }
        let before = postfix.snapshot()
        let again = try Pftls.run(arguments)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Nothing to change"))
        #expect(postfix.snapshot() == before)
    }

    @Test func aKeyThatDoesNotMatchIsRefusedAndTheOldCertificateKeepsServing() throws {
        let leafA = try String(contentsOfFile: fixtures.path("a.pem"), encoding: .utf8)
        try fixtures.issueLeaf("c")
        let before = postfix.snapshot()
        let refused = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("a.key"),
                                     "--cert", fixtures.path("c.pem"), "--chain", fixtures.path("intermediate.pem")])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("[key-cert-mismatch]"))
        #expect(postfix.snapshot() == before, "the files must be byte-identical")
        for leaf in served() { #expect(leaf?.pem == leafA) }
    }

    /// Forgetting --key for a certificate made for a new key: the refusal says to give
    /// --key, and no DANE rollover to that key (which is not installed) is suggested.
    @Test func aCertificateForANewKeyWithoutKeyIsRefusedNamingKey() throws {
        try fixtures.issueLeaf("d")
        let before = postfix.snapshot()
        let refused = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--cert", fixtures.path("d.pem"),
                                     "--chain", fixtures.path("intermediate.pem")])
        #expect(refused.status == 1, "\(refused.all)")
        let text = refused.standardOutput.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("[key-cert-mismatch]") && text.contains("Without --key, renew keeps the key in use"), "\(refused.all)")
        #expect(!text.contains("tlsa-rollover"), "\(refused.all)")
        #expect(postfix.snapshot() == before)
    }

    @Test func certbotsDeployHookWithSymlinkedLineage() throws {
        // Laid out as certbot does: live/NAME/*.pem are symlinks into archive/NAME/*N.pem.
        let certbot = CertbotTree(root: postfix.root + "/letsencrypt", fixtures: fixtures)
        let leaf = try certbot.issue("mail.example.test", names: ["mail.example.test"])
        let live = certbot.live("mail.example.test")

        let hook = try Pftls.run(["renew", "--config-dir", postfix.configDirectory], environment: ["RENEWED_LINEAGE": live])
        #expect(hook.status == 0, "\(hook.all)")
        for served in served() { #expect(served?.isSame(as: leaf) == true) }
        // The symlinks and the archive are left as certbot made them.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: live + "/privkey.pem")) == "../../archive/mail.example.test/privkey1.pem")
    }

    @Test func aCertificateEndingBeforeTheOneInUseIsInstalledWithAWarning() throws {
        let sooner = try fixtures.issueLeaf("sooner", forKeyOf: "a", days: 30)
        let renewed = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--cert", fixtures.path("sooner.pem"),
                                     "--chain", fixtures.path("intermediate.pem")])
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("[expires-sooner]"), "\(renewed.all)")
        for leaf in served() { #expect(leaf?.isSame(as: sooner) == true) }
    }

    /// The issue's walk: the CA renewed the certificate for the key in use, and the folder the
    /// wizard starts in holds only the new certificate and the intermediate.
    @Test func renewingWithTheKeyInUseThroughTheWizardInTmux() throws {
        let incoming = postfix.root + "/incoming-same-key"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let work = CLIFixtures(directory: incoming, sharing: fixtures)
        let renewed = try fixtures.issueLeaf("new-cert", forKeyOf: "a", days: 400)
        work.write("new-cert.pem", renewed.pem)
        work.write("intermediate.pem", fixtures.intermediate.certificate.pem)
        let session = try TmuxSession("cd \(incoming) && \(Pftls.executable) wizard --config-dir \(postfix.configDirectory)")
        #expect(session.waitFor("[ Renew the certificate ]"), "\(session.screen)")
        // TLS is set up with a CA's certificate: the focus starts on Renew.
        session.send("Enter")
        // The folder's files were picked when it was listed, on the Start screen: the new
        // certificate (C) and the intermediate (I), no key. They are checked with the key in use.
        #expect(session.waitFor("Key: in use (smtpd-chain.pem)"), "\(session.screen)")
        #expect(session.screen.contains("C new-cert.pem") && session.screen.contains("I intermediate.pem"), "\(session.screen)")
        #expect(session.waitFor("CN=mail.example.test, EC P-256", timeout: 30), "the files were inspected: \(session.screen)")
        #expect(!session.screen.contains("no-private-key"), "\(session.screen)")
        session.send("F10")
        #expect(session.waitFor("Steps:", timeout: 30), "\(session.screen)")
        let review = session.screen
        #expect(review.contains("In use") && review.contains("New"), "old and new side by side: \(review)")
        #expect(review.contains("kept: the key in use"), "\(review)")
        #expect(review.contains(UTCTimestamp.format(serving.first.notAfter)) && review.contains(UTCTimestamp.format(renewed.notAfter)), "\(review)")
        let serials = review.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
        #expect(serials.contains(serving.first.serialNumberText) && serials.contains(renewed.serialNumberText), "\(review)")
        session.send("Enter")
        #expect(session.waitFor("The new configuration is in place.", timeout: 30), "\(session.screen)")
        for leaf in served() {
            #expect(leaf?.isSame(as: renewed) == true)
            #expect(leaf?.subjectPublicKeyInfoSHA256 == serving.first.subjectPublicKeyInfoSHA256, "the key in use still serves")
        }
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"))
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
