import Testing
@testable import PftlsCore
import PftlsTestSupport

/// What `check` tells a person to do about a listener: the reload command names the
/// instance it looked at, and a listener that nothing answered on is not blamed on the files.
@Suite struct ProbeHintTests {
    let fixture = CheckFixture()

    @Test func theReloadCommandNamesTheInstanceUnlessItIsTheStandardOne() {
        #expect(SuggestedCommand.postfix("reload", configDirectory: "/etc/postfix") == "postfix reload")
        #expect(SuggestedCommand.postfix("reload", configDirectory: "/etc/postfix-out") == "postfix -c /etc/postfix-out reload")
        #expect(SuggestedCommand.postfix("reload", configDirectory: "/srv/it's") == "postfix -c '/srv/it'\\''s' reload")
        #expect(SuggestedCommand.configDirectoryOption("/etc/postfix").isEmpty)
        #expect(SuggestedCommand.configDirectoryOption("/srv/mx 2") == " --config-dir '/srv/mx 2'")
        #expect(SuggestedCommand.doveadmReload(configFile: "/etc/dovecot/dovecot.conf") == "doveadm reload")
        #expect(SuggestedCommand.doveadmReload(configFile: "/srv/dovecot.conf") == "doveadm -c /srv/dovecot.conf reload")
    }

    private func failure(unreachable: Bool) throws -> Finding {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\n")
        // A listener that closed the handshake answered nothing either: only "no connection" is unreachable.
        let listeners = StandInListeners { _, _, _ in .failed(reason: unreachable ? "cannot connect" : "TLS handshake failed", unreachable: unreachable) }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        return try #require(report.findings.first { $0.code == .tlsHandshakeFailed }, "\(CheckFixture.show(report.findings))")
    }

    @Test func aFailedHandshakePointsAtTheFilesAndTheInstancesReload() throws {
        let finding = try failure(unreachable: false)
        #expect(finding.hint.contains("pftls inspect") && finding.hint.contains("`postfix -c "), "\(finding.hint)")
    }

    @Test func aListenerNothingAnsweredOnPointsAtTheListenerNotTheFiles() throws {
        let finding = try failure(unreachable: true)
        #expect(finding.hint.contains("Nothing answered") && finding.hint.contains("ss -ltn"), "\(finding.hint)")
        #expect(!finding.hint.contains("pftls inspect"), "\(finding.hint)")
    }
}
