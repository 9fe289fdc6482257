import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `check`'s TLSA comparison per key type and per name: DANE senders pick the key type and
/// send the MX name as SNI, so each key the server presents for that name needs a record
/// (a table of DNS answers; example.test's MX is mail.example.test, this host).
@Suite struct CheckDANEKeyTypesTests {
    let fixture = CheckFixture()

    private func dns(_ records: [Certificate]) -> MailDNSCheck {
        var table = TableResolver.mailHost
        for leaf in records { table.tlsa("mail.example.test", .endEntity(leaf)) }
        return MailDNSCheck(resolver: table, localAddresses: ["192.0.2.1"])
    }

    private func dual() throws -> (conf: String, rsa: Certificate, ecdsa: Certificate) {
        let rsa = try fixture.chain("rsa.pem", ["mail.example.test"], .rsa(bits: 2048))
        let ecdsa = try fixture.chain("ecdsa.pem", ["mail.example.test"])
        return (fixture.configure(main: "smtpd_tls_chain_files = \(rsa.path), \(ecdsa.path)\n"), rsa.leaf, ecdsa.leaf)
    }

    @Test func onlyTheRSARecordPublishedFailsECDSAPreferringSenders() throws {
        let (conf, rsa, ecdsa) = try dual()
        let findings = fixture.audit(running: false).run(configDirectory: conf, dns: dns([rsa])).findings
        let missing = findings.filter { $0.code == .tlsaMismatch }
        #expect(missing.count == 1 && missing[0].severity == .error && missing[0].message.contains("ECDSA") && missing[0].file?.hasSuffix("ecdsa.pem") == true,
                "\(CheckFixture.show(findings))")
        #expect(missing.first?.hint.contains(Hex.lowercase(ecdsa.subjectPublicKeyInfoSHA256)) == true)
        #expect(!findings.contains { $0.code == .tlsaMatches })
    }

    @Test func aRecordForEachKeyTypeMatches() throws {
        let (conf, rsa, ecdsa) = try dual()
        let findings = fixture.audit(running: false).run(configDirectory: conf, dns: dns([rsa, ecdsa])).findings
        #expect(findings.filter { $0.code.rawValue.hasPrefix("tlsa") }.map(\.code) == [.tlsaMatches], "\(CheckFixture.show(findings))")
    }

    @Test func anMXNameServedFromAnSNIEntryNeedsRecordsForTheEntrysKeys() throws {
        let main = try fixture.chain("main.pem", ["mail.example.test"])
        let entry = try fixture.chain("entry.pem", ["mail.example.test"])
        let map = fixture.directory.write("sni", "mail.example.test \(entry.path)\n")
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(main.path)\ntls_server_sni_maps = texthash:\(map)\n")
        let stale = fixture.audit(running: false).run(configDirectory: conf, dns: dns([main.leaf])).findings
        #expect(stale.contains { $0.code == .tlsaMismatch && $0.file == entry.path }, "\(CheckFixture.show(stale))")
        let good = fixture.audit(running: false).run(configDirectory: conf, dns: dns([entry.leaf])).findings
        #expect(good.contains { $0.code == .tlsaMatches } && !good.contains { $0.code == .tlsaMismatch }, "\(CheckFixture.show(good))")
    }

    @Test func whatIsServedToEachKeyTypeIsComparedWhenProbed() throws {
        let (conf, rsa, ecdsa) = try dual()
        let old = try fixture.pki.issueLeaf(.server("mail.example.test")).certificate
        // The ECDSA clients get a leaf from before: the record for the ECDSA file does not match what they get.
        let listeners = StandInListeners { _, _, type in type == .rsa ? .serving(rsa) : .serving(old) }
        let master = "127.0.0.1:25 inet n - y - - smtpd\n"
        let dir = fixture.configure(main: try String(contentsOfFile: conf + "/main.cf", encoding: .utf8), master: master)
        let findings = fixture.audit(listeners).run(configDirectory: dir, dns: dns([rsa, ecdsa])).findings
        #expect(findings.contains { $0.code == .tlsaMismatch && $0.message.contains("ECDSA") }, "\(CheckFixture.show(findings))")
    }
}
