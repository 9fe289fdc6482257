import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls apply` against a real, running Postfix on loopback ports, checked
/// from outside with `openssl s_client`.
@Suite(.serialized, .tags(.endToEnd)) struct ApplyEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    /// The three services this suite sets up.
    private static let services = Answers.ServiceName.allCases

    /// What `openssl s_client` sees: verification result and the served leaf PEM.
    private func sClient(port: Int, startTLS: Bool) -> (verified: Bool, leafPEM: String, output: String) {
        var arguments = ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", fixtures.path("root.pem"),
                         "-verify_return_error", "-verify_hostname", "mail.example.test", "-showcerts"]
        if startTLS { arguments += ["-starttls", "smtp"] }
        let result = Shell.run("openssl", arguments, input: "QUIT\r\n")
        let text = result.output
        let leaf = text.range(of: "-----BEGIN CERTIFICATE-----").flatMap { begin in
            text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex).map { String(text[begin.lowerBound..<$0.upperBound]) + "\n" }
        } ?? ""
        return (text.contains("Verify return code: 0 (ok)"), leaf, result.all)
    }

    @Test func applyServesTheVerifiedChainOnAllThreeServicesAndASecondRunChangesNothing() throws {
        try postfix.start()
        let leaf = try fixtures.issueLeaf("a", passphrase: "apply-secret")
        let passFile = fixtures.write("pass.txt", "apply-secret\n")
        let answersFile = fixtures.write("answers-a.json", fixtures.answers("a", on: postfix, services: Self.services).json)

        let first = try postfix.apply(answers: answersFile, ["--passphrase-file", passFile])
        #expect(first.status == 0, "\(first.all)\n\(postfix.maillog)")
        #expect(!first.all.contains("apply-secret"))
        #expect(first.standardOutput.contains("serves the new certificate"))

        for (port, startTLS) in [(postfix.smtpPort, true), (postfix.submissionPort, true), (postfix.submissionsPort, false)] {
            let seen = sClient(port: port, startTLS: startTLS)
            #expect(seen.verified, "port \(port): \(seen.output)")
            #expect(seen.leafPEM == leaf.pem, "port \(port) serves another leaf")
        }

        // The key file is root-only, and postconf reads the intended settings.
        var info = stat()
        #expect(stat(postfix.root + "/tls/smtpd-chain.pem", &info) == 0 && info.st_mode & 0o777 == 0o600 && info.st_uid == 0)
        #expect(postfix.postconf(["-h", "smtpd_tls_chain_files"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == postfix.root + "/tls/smtpd-chain.pem")
        #expect(postfix.postconf(["-P", "127.0.0.1:\(postfix.submissionPort)/inet/smtpd_tls_security_level"]).output.contains("encrypt"))

        // Submission refuses mail before STARTTLS.
        let connection = try SMTPConnection(host: "127.0.0.1", port: postfix.submissionPort, timeout: 10)
        _ = try connection.readReply()
        try connection.send("EHLO client.example.test")
        _ = try connection.readReply()
        try connection.send("MAIL FROM:<someone@example.test>")
        let refusal = try connection.readReply()
        #expect(refusal.first?.hasPrefix("530") == true, "\(refusal)")

        // A second run with the same answers changes nothing at all.
        let before = postfix.snapshot()
        let second = try postfix.apply(answers: answersFile, ["--passphrase-file", passFile])
        #expect(second.status == 0, "\(second.all)")
        #expect(second.standardOutput.contains("Nothing to change"))
        #expect(postfix.snapshot() == before)
    }

    @Test func dryRunWritesNothingAndShowsTheDiffs() throws {
        try fixtures.issueLeaf("d")
        let before = postfix.snapshot()
        let result = try fixtures.install("d", on: postfix, services: Self.services, ["--dry-run"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.standardOutput.contains("+smtpd_tls_chain_files = "))
        #expect(result.standardOutput.contains("-o smtpd_tls_wrappermode=yes"))
        #expect(!result.standardOutput.contains("BEGIN PRIVATE KEY"))
        #expect(postfix.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"))
    }

    @Test func aFailingProbeRestoresTheBackupAndReloads() throws {
        try postfix.start()
        let first = try fixtures.issueLeaf("a")
        #expect(try fixtures.install("a", on: postfix, services: Self.services).status == 0)
        try fixtures.issueLeaf("b")
        let before = postfix.snapshot()

        let plan = try postfix.plan(fixtures.answers("b", on: postfix, services: Self.services))
        #expect(!plan.hasErrors && !plan.isNoOp)
        let applier = Applier(processes: SystemProcessRunner(), probe: RefusingProbe())
        #expect {
            _ = try applier.apply(plan, options: Applier.Options(probeDeadline: 1))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            return failure.rolledBack && failure.reason.contains("454 4.7.0")
        }
        #expect(postfix.snapshot() == before, "the previous files must be back, byte for byte")
        // And Postfix serves the previous certificate again.
        #expect(sClient(port: postfix.smtpPort, startTLS: true).leafPEM == first.pem)
    }

    @Test func badAnswersAreRefusedWithTheKeyNamed() throws {
        let bad = fixtures.write("bad.json", #"{"certificateDirectory": "/etc/postfix", "privateKey": "k", "certificate": "c", "intermediates": [], "smtpdSecurityLevel": "dane", "smtpSecurityLevel": "may", "services": [{"name": "smtp"}]}"#)
        let result = try Pftls.run(["apply", "--answers", bad, "--config-dir", postfix.configDirectory])
        #expect(result.status == 2)
        #expect(result.standardError.contains("smtpdSecurityLevel"))
        let unknown = fixtures.write("unknown.json", #"{"certificateDirectory": "/etc/postfix", "privateKey": "k", "certificate": "c", "intermediates": [], "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "services": [{"name": "smtp"}], "colour": "blue"}"#)
        let second = try Pftls.run(["apply", "--answers", unknown, "--config-dir", postfix.configDirectory])
        #expect(second.status == 2)
        #expect(second.standardError.contains("colour"))
    }

    @Test func encryptOnPort25IsRefusedUnlessDedicated() throws {
        try fixtures.issueLeaf("e")
        var answers = fixtures.answers("e", on: postfix)
        answers.smtpdSecurityLevel = "encrypt"
        let refused = try postfix.apply(answers: fixtures.write("enc.json", answers.json), ["--dry-run"])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("[encrypt-on-port-25]"))
        answers.dedicatedNonMX = true
        let allowed = try postfix.apply(answers: fixtures.write("enc2.json", answers.json), ["--dry-run"])
        #expect(allowed.status == 0, "\(allowed.all)")
    }
}

/// A probe that always sees what Postfix says when the key does not fit.
struct RefusingProbe: ListenerProbing {
    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
        .failed(reason: "STARTTLS answer was: 454 4.7.0 TLS not available due to local problem", answered: true)
    }
}
