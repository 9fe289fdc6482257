import Foundation
import Testing
import PftlsTestSupport

/// The throwaway Dovecot the Dovecot tests stand on: a separate instance on loopback ports
/// that serves the files its ssl lines name on all five listeners, and the files put in their
/// place after a reload, checked from outside with `openssl s_client`.
@Suite(.serialized, .tags(.endToEnd)) struct ThrowawayDovecotTests {
    /// The fingerprint of the certificate in fixture `name`.pem, by `openssl x509`.
    private func sha256(_ fixtures: CLIFixtures, _ name: String) throws -> String? {
        SClientProbe.sha256(pem: try String(contentsOfFile: fixtures.path(name + ".pem"), encoding: .utf8))
    }

    /// Puts fixture `source`'s files in place of `target`'s as an administrator renews them: by rename.
    private func swap(_ fixtures: CLIFixtures, _ source: String, into target: String) {
        for suffix in [".pem", ".key"] {
            rename(fixtures.path(source + suffix), fixtures.path(target + suffix))
        }
    }

    @Test func everyListenerServesTheConfiguredLeafAndTheSwappedOneAfterAReload() throws {
        let (dovecot, fixtures) = try ThrowawayDovecot.withFixtures(leaf: "a")
        try dovecot.start()
        let first = try sha256(fixtures, "a")
        #expect(first != nil)
        for (name, probe) in dovecot.probeAll() {
            #expect(probe.sha256 == first, "\(name): \(probe.output)\n\(dovecot.log)")
        }

        try fixtures.issueLeaf("b")
        let second = try sha256(fixtures, "b")
        #expect(second != first)
        swap(fixtures, "b", into: "a")
        // Files replaced behind Dovecot's back change nothing until the reload.
        #expect(SClientProbe(dovecot.listener("imaps")).sha256 == first)
        let reloadLog = try dovecot.reload()
        #expect(!reloadLog.contains("Error"), "\(reloadLog)")
        for (name, probe) in dovecot.probeAll() {
            #expect(probe.sha256 == second, "\(name): \(probe.output)\n\(dovecot.log)")
        }
    }

    @Test func doveconfReadsTheSSLLinesFromTenSSLConfAndTheListenersFromTheServices() throws {
        let (dovecot, fixtures) = try ThrowawayDovecot.withFixtures(leaf: "a")
        let settings = dovecot.doveconf(["-n"])
        #expect(settings.status == 0, "\(settings.all)")
        let certificateLine = dovecot.syntax.sslLines(certificate: fixtures.path("a.pem"), key: fixtures.path("a.key"))[0]
        let sslFile = try String(contentsOfFile: dovecot.sslConfigPath, encoding: .utf8)
        #expect(sslFile.contains(certificateLine + "\n"))
        #expect(!(try String(contentsOfFile: dovecot.configPath, encoding: .utf8)).contains("ssl_"))
        #expect(settings.output.contains("ssl = required"))
        for service in ["imap-login", "pop3-login", "managesieve-login"] {
            let shown = dovecot.doveconf(["service/" + service])
            for listener in dovecot.listeners where listener.service == service {
                #expect(shown.output.contains("inet_listener \(listener.name) {"), "\(shown.all)")
                #expect(shown.output.contains("port = \(listener.port)\n"), "\(shown.all)")
            }
        }
    }

    @Test func twoInstancesRunSideBySideAndStoppingOneLeavesTheOther() throws {
        let (one, oneFixtures) = try ThrowawayDovecot.withFixtures(leaf: "one")
        let (other, otherFixtures) = try ThrowawayDovecot.withFixtures(leaf: "other")
        try one.start()
        try other.start()
        #expect(SClientProbe(one.listener("pop3")).sha256 == (try sha256(oneFixtures, "one")))
        #expect(SClientProbe(other.listener("pop3")).sha256 == (try sha256(otherFixtures, "other")))

        // Only the named instance reloads: `doveadm -c` reaches its own master.
        _ = try other.reload()
        #expect(!one.log.contains("SIGHUP"))

        one.stop()
        #expect(!one.isRunning)
        #expect(SClientProbe(one.listener("imaps")).leafPEM == nil)
        #expect(Shell.run("pgrep", ["-f", "dovecot-" + one.config.instanceName + "/"]).status == 1, "a process of the stopped instance is left")
        #expect(SClientProbe(other.listener("sieve")).sha256 == (try sha256(otherFixtures, "other")))
    }
}
