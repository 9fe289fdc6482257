import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls apply` on configurations that already have problems, against a real Postfix:
/// what is already there is reported and does not block; what cannot work is refused
/// in Postfix's own words; a listener counts only when smtpd answers EHLO after TLS.
@Suite(.serialized, .tags(.endToEnd)) struct ApplyBaselineEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func answers(_ leaf: String, services: [Answers.ServiceName]) -> String {
        fixtures.write("answers-\(leaf).json", fixtures.answers(leaf, on: postfix, services: services).json)
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
        let result = try postfix.apply(answers: answers("w", services: [.smtp]))
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
        let result = try postfix.apply(answers: answers("f", services: [.smtp]))
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
        let result = try postfix.apply(answers: answers("s", services: [.submission]))
        #expect(result.status == 1, "\(result.all)")
        #expect(result.standardError.contains("no SASL authentication mechanisms"), "\(result.all)")
        #expect(result.standardError.contains("Nothing was written"))
        #expect(configFiles() == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.configDirectory + "/pftls-backups"))
        // With --no-reload the files go in; Postfix picks them up once Dovecot runs.
        let deferred = try postfix.apply(answers: answers("s", services: [.submission]), ["--no-reload"])
        #expect(deferred.status == 0, "\(deferred.all)")
    }

    /// The guide's section 5 pasted verbatim over the smtp line of a stock Debian master.cf
    /// (en dashes in the unpriv, chroot and wakeup fields, `net` for `inet`, `-o` lines at
    /// the start of the line), with the running Postfix on the stock file.
    private func pasteGuideText() throws {
        let master = postfix.configDirectory + "/master.cf"
        let text = try String(contentsOfFile: master, encoding: .utf8)
        let pasted = """
            127.0.0.1:\(postfix.smtpPort) inet n \u{2013} n \u{2013} \u{2013} smtpd
            127.0.0.1:\(postfix.submissionPort) inet n \u{2013} n \u{2013} \u{2013} smtpd
            -o smtpd_tls_security_level=encrypt
            -o smtpd_sasl_auth_enable=yes
            -o smtpd_client_restrictions=permit_sasl_authenticated,reject
            127.0.0.1:\(postfix.submissionsPort) net n \u{2013} n \u{2013} \u{2013} smtpd
            -o smtpd_tls_wrappermode=yes
            -o smtpd_sasl_auth_enable=yes
            -o smtpd_client_restrictions=permit_sasl_authenticated,reject
            """
        let lines = text.components(separatedBy: "\n").map { $0.hasPrefix("127.0.0.1:\(postfix.smtpPort) ") ? pasted : $0 }
        try lines.joined(separator: "\n").write(toFile: master, atomically: true, encoding: .utf8)
        ThrowawayPostfix.backdate(master)
    }

    @Test func pastedGuideTextIsRepairedAndEveryListenerServesTheNewChain() throws {
        try postfix.start()
        try pasteGuideText()
        let leaf = try fixtures.issueLeaf("g")
        let file = answers("g", services: [.smtp, .submission, .submissions])
        let dry = try postfix.apply(answers: file, ["--dry-run"])
        #expect(dry.status == 0, "the dry run predicts a run that goes on: \(dry.all)")
        #expect(dry.standardOutput.contains("master-cf-paste-damage") && dry.standardOutput.contains("does not run `postfix check`"), "\(dry.all)")
        let result = try postfix.apply(answers: file)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.all.contains("[postfix-check-failed]") && result.all.contains("the repaired one passes"), "\(result.all)")
        for (port, mode) in [(postfix.smtpPort, TLSProbeMode.startTLS), (postfix.submissionPort, .startTLS), (postfix.submissionsPort, .implicit)] {
            let served = TLSProbe().probe(host: "127.0.0.1", port: port, mode: mode, serverName: nil)
            #expect(served.leaf?.isSame(as: leaf) == true, "port \(port): \(served)")
            #expect(served.chain?.count == 2, "port \(port) serves the leaf and its intermediate")
        }
        #expect(postfix.postconf(["-M"]).status == 0, "master.cf reads cleanly now")
    }

    @Test func pastedGuideTextOverAnotherFaultIsRefusedInPostfixsWords() throws {
        try pasteGuideText()
        postfix.postconf(["-e", "meta_directory=/nonexistent/pftls-meta"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try fixtures.issueLeaf("h")
        let before = configFiles()
        let result = try postfix.apply(answers: answers("h", services: [.smtp]))
        #expect(result.status == 1, "\(result.all)")
        #expect(result.standardError.contains("still fails after pftls' repairs") && result.standardError.contains("/nonexistent/pftls-meta"), "\(result.all)")
        #expect(configFiles() == before)
    }
}
