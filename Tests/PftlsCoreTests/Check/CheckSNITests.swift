import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `check` on the SNI maps in force: every entry's files, maps it cannot list or read, and
/// a probe per name (and per key type of its entry) of each listener, with the maps that
/// listener uses, a few at a time, in a stable order, within a deadline (stand-in listeners).
@Suite struct CheckSNITests {
    let fixture = CheckFixture()

    /// The default pair and a texthash map: a.example.test with RSA and ECDSA pairs,
    /// .b.example.test (a wildcard certificate) and gone.example.test, whose file is missing.
    private func hosted() throws -> (conf: String, main: Certificate, a: [ServerKeyType: Certificate], b: Certificate) {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let aRSA = try fixture.chain("a-rsa.pem", ["a.example.test"], .rsa(bits: 2048))
        let aEC = try fixture.chain("a-ec.pem", ["a.example.test"])
        let b = try fixture.chain("b.pem", ["*.b.example.test"])
        let map = fixture.directory.write("sni", "a.example.test \(aRSA.path), \(aEC.path)\n.b.example.test \(b.path)\ngone.example.test \(fixture.directory.file("gone.pem"))\n")
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(map)\n")
        return (conf, main.leaf, [.rsa: aRSA.leaf, .ecdsa: aEC.leaf], b.leaf)
    }

    @Test func everyEntryIsCheckedPairByPairAndAMissingFileNamesItsEntry() throws {
        let (conf, _, _, _) = try hosted()
        let report = fixture.audit(running: false).run(configDirectory: conf)
        let map = try #require(report.sniMaps.first)
        #expect(map.entries.map(\.entry.name) == ["a.example.test", ".b.example.test", "gone.example.test"])
        #expect(map.entries[0].keyTypes == [.rsa, .ecdsa] && !map.entries[0].hasProblems, "\(CheckFixture.show(map.entries[0].findings))")
        #expect(!map.entries[1].hasProblems, "a .parent entry is checked for a subdomain: \(CheckFixture.show(map.entries[1].findings))")
        #expect(!report.findings.contains { $0.code == .multipleKeys })
        let gone = try #require(report.findings.first { $0.message.hasPrefix("SNI entry gone.example.test:") }, "\(CheckFixture.show(report.findings))")
        #expect(gone.severity == .error && gone.code == .unreadable)
    }

    @Test func patternMapsAreSaidToBeUnlistedAndAnUnreadableSourceIsAnError() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = regexp:/etc/postfix/sni.re, hash:\(fixture.directory.file("nowhere"))\n")
        let report = fixture.audit(running: false).run(configDirectory: conf)
        let unlisted = try #require(report.findings.first { $0.code == .sniMapUnlisted }, "\(CheckFixture.show(report.findings))")
        #expect(unlisted.severity == .info && unlisted.message.contains("regexp:/etc/postfix/sni.re"))
        #expect(report.findings.contains { $0.severity == .error && $0.file?.hasSuffix("/nowhere") == true }, "\(CheckFixture.show(report.findings))")
    }

    @Test func entriesWithoutFilesOrWithAStarAreNamed() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let map = fixture.directory.write("sni", "*.c.example.test \(main.path)\nempty.example.test\n")
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(map)\n")
        let findings = fixture.audit(running: false).run(configDirectory: conf).findings.filter { $0.code == .sniEntryInvalid }
        #expect(findings.map(\.severity) == [.warning, .error], "\(CheckFixture.show(findings))")
        #expect(findings[0].hint.contains(".c.example.test") && findings[1].message.contains("empty.example.test"))
    }

    @Test func everyNameIsProbedPerKeyTypeOfItsEntryAndAStaleOneIsNamed() throws {
        let (conf, main, a, b) = try hosted()
        let old = try fixture.pki.issueLeaf(.server("a.example.test")).certificate
        let listeners = StandInListeners { _, name, type in
            switch (name, type) {
            case (nil, _): .serving(main)
            case ("a.example.test", .rsa?): .serving(a[.rsa]!)
            case ("a.example.test", _): .serving(old)
            case ("pftls-check.b.example.test", _): .serving(b)
            default: .failed(reason: "handshake failed: internal error")
            }
        }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        #expect(report.listenerProbes.map { "\($0.serverName ?? "-") \($0.keyType?.rawValue ?? "any")" }
                    == ["- any", "a.example.test RSA", "a.example.test ECDSA", "pftls-check.b.example.test any", "gone.example.test any"])
        #expect(listeners.calls.count == 5)
        let stale = report.findings.filter { $0.code == .staleServedCertificate }
        #expect(stale.count == 1 && stale[0].message.contains("for a.example.test, to a client that accepts only ECDSA"), "\(CheckFixture.show(report.findings))")
        #expect(stale.first?.hint.contains("`postfix -c \(conf) reload`") == true, "a texthash map is read when smtpd starts")
        let failed = try #require(report.findings.first { $0.code == .tlsHandshakeFailed }, "\(CheckFixture.show(report.findings))")
        #expect(failed.message.contains("gone.example.test") && failed.message.contains("2525") && failed.hint.contains("gone.example.test"))
    }

    @Test func aServiceWithItsOwnMapsIsProbedWithThoseOnly() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let own = try fixture.chain("own.pem", ["own.example.test"])
        let mainMap = fixture.directory.write("sni", "shared.example.test \(main.path)\n")
        let ownMap = fixture.directory.write("sni-sub", "own.example.test \(own.path)\n")
        let master = "127.0.0.1:2525 inet n - y - - smtpd\n127.0.0.1:2587 inet n - y - - smtpd\n  -o tls_server_sni_maps=texthash:\(ownMap)\n"
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(mainMap)\n", master: master)
        let listeners = StandInListeners { _, name, _ in .serving(name == "own.example.test" ? own.leaf : main.leaf) }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        #expect(report.listenerProbes.map { "\($0.service.port ?? 0) \($0.serverName ?? "-")" } == ["2525 -", "2525 shared.example.test", "2587 -", "2587 own.example.test"])
        #expect(listeners.calls.count == 4)
        #expect(!report.findings.hasErrors, "\(CheckFixture.show(report.findings))")
    }

    @Test func probesRunAFewAtATimeInAStableOrder() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let names = (0..<60).map { "h\($0).example.test" }
        let map = fixture.directory.write("sni", names.map { "\($0) \(main.path)\n" }.joined())
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(map)\n")
        let listeners = StandInListeners(delay: 20_000) { _, _, _ in .serving(main.leaf) }
        var audit = fixture.audit(listeners)
        audit.probeWidth = 4
        let report = audit.run(configDirectory: conf)
        #expect(listeners.mostAtOnce > 1 && listeners.mostAtOnce <= 4, "\(listeners.mostAtOnce) at once")
        #expect(report.listenerProbes.map { $0.serverName } == [nil] + names, "the plan's order, whatever the order they finished in")
        #expect(report.listenerProbes.allSatisfy { $0.servesItsFiles == true })
    }

    @Test func theDeadlineStopsProbingAndSaysHowManyWereNotMade() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let map = fixture.directory.write("sni", (0..<40).map { "h\($0).example.test \(main.path)\n" }.joined())
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(map)\n")
        let listeners = StandInListeners(delay: 200_000) { _, _, _ in .serving(main.leaf) }
        var audit = fixture.audit(listeners)
        audit.probeWidth = 2
        audit.probeDeadline = .seconds(1)
        let started = Date()
        let report = audit.run(configDirectory: conf)
        #expect(Date().timeIntervalSince(started) < 5)
        let unfinished = try #require(report.findings.first { $0.code == .probesUnfinished }, "\(CheckFixture.show(report.findings))")
        #expect(unfinished.severity == .warning && unfinished.message.contains("of 41 probes"), "\(unfinished.message)")
        #expect(listeners.calls.count < 41)
    }
}
