import Foundation
import Testing
@testable import PftlsCore

/// `pftls apply` on configurations that already have problems, against a real Postfix:
/// what is already there is reported and does not block; what cannot work is refused
/// in Postfix's own words; a listener counts only when smtpd answers EHLO after TLS.
@Suite(.serialized) struct ApplyBaselineEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
    }

    private func answers(_ leaf: String, services: [(String, Int)]) -> String {
        let list = services.map { "{\"name\": \"\($0.0)\", \"listen\": \"127.0.0.1:\($0.1)\"}" }.joined(separator: ", ")
        return fixtures.write("answers-\(leaf).json", """
        {"certificateDirectory": "\(postfix.root)/tls", "privateKey": "\(fixtures.path(leaf + ".key"))",
         "certificate": "\(fixtures.path(leaf + ".pem"))", "intermediates": ["\(fixtures.path("intermediate.pem"))"],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "hostname": "mail.example.test", "services": [\(list)]}
        """)
    }

    private func apply(_ answersFile: String, _ extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["apply", "--answers", answersFile, "--config-dir", postfix.configDirectory] + extra)
    }

    private func configFiles() -> [String: Data] {
        ConfigFiles.snapshot(postfix.configDirectory)
    }

    @Test func warningsThatAreAlreadyThereAreReportedAndDoNotBlock() throws {
        // A duplicate and an unused parameter: postconf warns about both before any change.
        let main = postfix.configDirectory + "/main.cf"
        try (String(contentsOfFile: main, encoding: .utf8) + "inet_interfaces = loopback-only\nbogus_setting_from_a_guide = 1\n")
            .write(toFile: main, atomically: true, encoding: .utf8)
        ThrowawayPostfix.backdate(main)
        try postfix.start()
        try fixtures.issueLeaf("w")
        let result = try apply(answers("w", services: [("smtp", postfix.smtpPort)]))
        #expect(result.status == 0, "\(result.all)\n\(postfix.maillog)")
        #expect(result.standardOutput.contains("[existing-config-warning]"))
        #expect(result.standardOutput.contains("unused parameter: bogus_setting_from_a_guide=1"))
        #expect(result.standardOutput.contains("serves the new certificate"))
    }

    @Test func aConfigThatAlreadyFailsPostfixCheckIsRefusedBeforeAnyWriteInPostfixsWords() throws {
        postfix.postconf(["-e", "meta_directory=/nonexistent/pftls-meta"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try fixtures.issueLeaf("f")
        let before = configFiles()
        let result = try apply(answers("f", services: [("smtp", postfix.smtpPort)]))
        #expect(result.status == 1, "\(result.all)")
        #expect(result.all.contains("[postfix-check-failed]"), "\(result.all)")
        #expect(result.all.contains("/nonexistent/pftls-meta"), "Postfix's own reason: \(result.all)")
        #expect(configFiles() == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.configDirectory + "/pftls-backups"), "no backup directory for a refusal")
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"))
    }

    @Test func aMissingDovecotSocketIsRefusedBeforeAnyWriteWhilePostfixRuns() throws {
        // SASL through a Dovecot socket that does not exist: once TLS works, smtpd would stop
        // with "fatal: no SASL authentication mechanisms" on every connection.
        postfix.postconf(["-e", "smtpd_sasl_type=dovecot", "smtpd_sasl_path=private/no-such-auth"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try postfix.start()
        try fixtures.issueLeaf("s")
        let before = configFiles()
        let result = try apply(answers("s", services: [("submission", postfix.submissionPort)]))
        #expect(result.status == 1, "\(result.all)")
        #expect(result.standardError.contains("no SASL authentication mechanisms"), "\(result.all)")
        #expect(result.standardError.contains("Nothing was written"))
        #expect(configFiles() == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.configDirectory + "/pftls-backups"))
        // With --no-reload the files go in; Postfix picks them up once Dovecot runs.
        let deferred = try apply(answers("s", services: [("submission", postfix.submissionPort)]), ["--no-reload"])
        #expect(deferred.status == 0, "\(deferred.all)")
    }
}
