import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The wizard in a real terminal on a throwaway Postfix that serves an RSA and an ECDSA
/// pair side by side and has a `hash:` SNI map built with the real `postmap -F`: Start names
/// both key types and the map, a renewal of both keys through the Files step's second key
/// is installed, and `openssl s_client -sigalgs` sees each new leaf, the SNI entry untouched.
@Suite(.serialized, .tags(.endToEnd)) struct WizardSNITerminalTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
    }

    /// The leaf the smtp listener serves to a client that sends `serverName` and accepts only `type`.
    private func served(_ serverName: String, _ type: ServerKeyType) -> String? {
        SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: serverName, sigalgs: type.signatureAlgorithms).sha256
    }

    private func sha256(_ certificate: Certificate) -> String? { SClientProbe.sha256(pem: certificate.pem) }

    @Test func startNamesBothKeyTypesAndTheMapAndASecondKeyIsInstalledThroughTheFilesStep() throws {
        // RSA and ECDSA by default, put in place by apply; an SNI map written by hand and built with postmap -F.
        try fixtures.issueLeaf("rsa", key: .rsa(bits: 2048))
        try fixtures.issueLeaf("ec")
        let org = try fixtures.issueLeaf("org", hostname: "mail.example.org")
        var json = fixtures.answers("rsa", on: postfix, services: [.smtp]).json
        let additional = "\"additionalKey\": {\"privateKey\": \"\(fixtures.path("ec.key"))\", \"certificate\": \"\(fixtures.path("ec.pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}"
        json = String(json.dropLast(json.hasSuffix("\n") ? 2 : 1)) + ", " + additional + "}"
        let applied = try postfix.apply(answers: fixtures.write("answers.json", json))
        try #require(applied.status == 0, "\(applied.all)\n\(postfix.maillog)")
        let orgChain = fixtures.write("org-chain.pem", try String(contentsOfFile: fixtures.path("org.key"), encoding: .utf8) + org.pem
                                      + fixtures.intermediate.certificate.pem)
        let map = fixtures.write("sni_map", "mail.example.org \(orgChain)\n.example.net \(orgChain)\n")
        try #require(Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + map]).status == 0)
        _ = postfix.postconf(["-e", "tls_server_sni_maps = hash:" + map])
        postfix.reload()
        try #require(served("mail.example.org", .ecdsa) == sha256(org), "the map serves its entry")

        // The new files, in the folder the wizard starts in.
        let incoming = postfix.root + "/incoming-both"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let work = CLIFixtures(directory: incoming, sharing: fixtures)
        let newRSA = try work.issueLeaf("rsa-new", key: .rsa(bits: 2048))
        let newEC = try work.issueLeaf("ecdsa-new")
        work.write("intermediate.pem", fixtures.intermediate.certificate.pem)

        let session = try TmuxSession("cd \(incoming) && \(Pftls.executable) wizard --config-dir \(postfix.configDirectory)")
        #expect(session.waitFor("[ Renew the certificate ]"), "\(session.screen)")
        let start = session.screen
        #expect(start.contains("Keys            RSA 2048 bits (mail.example.test, until") && start.contains("P-256 (mail.example.test, until"),
                "both key types: \(start)")
        #expect(start.contains("SNI             hash:\(map), 2 entries:") && start.contains("mail.example.org, .example.net"), "the map: \(start)")

        // Renew: RSA as the first key, ECDSA as the second, each with the intermediate.
        session.send("Enter")
        #expect(session.waitFor("SNI entry (s): none"), "\(session.screen)")
        // The files, the cursor on the first: ecdsa-new.key, ecdsa-new.pem, intermediate.pem, rsa-new.key, rsa-new.pem.
        session.send("Down", "Down", "Down", "k", "Down", "c")
        #expect(session.waitFor("Key: rsa-new.key   Certificate: rsa-new.pem"), "\(session.screen)")
        session.send("a", "Up", "Up", "Up", "Up", "k", "Down", "c", "Down", "i")
        #expect(session.waitFor("2nd key: ecdsa-new.key   Certificate: ecdsa-new.pem   Intermediates:") && session.screen.contains("      intermediate.pem"), "\(session.screen)")
        #expect(session.waitFor("First key (a): rsa-new.key, rsa-new.pem"), "\(session.screen)")
        #expect(session.waitFor("CN=mail.example.test, EC P-256", timeout: 30), "the second key was inspected: \(session.screen)")
        session.send("F10")
        #expect(session.waitFor("Served after the change:", timeout: 60), "\(session.screen)")
        let review = session.screen
        #expect(review.contains("Default, RSA 2048 bits: mail.example.test, until") && review.contains("Default, EC P-256: mail.example.test, until"),
                "\(review)")
        #expect(review.contains("2 other SNI entries stay as they are"), "\(review)")
        session.send("Enter")
        #expect(session.waitFor("The new configuration is in place.", timeout: 90), "\(session.screen)\n\(postfix.maillog)")

        #expect(served("mail.example.test", .rsa) == sha256(newRSA), "RSA-only clients get the new RSA leaf")
        #expect(served("mail.example.test", .ecdsa) == sha256(newEC), "ECDSA-only clients get the new ECDSA leaf")
        #expect(served("mail.example.org", .ecdsa) == sha256(org), "the SNI entry is left as it was")
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"), "\(session.screen)")
    }
}
