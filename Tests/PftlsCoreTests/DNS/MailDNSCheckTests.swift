import Foundation
import Testing
@testable import PftlsCore
import COpenSSL
import PftlsTestSupport

extension TableResolver {
    /// example.test's MX is mail.example.test, at 192.0.2.1 (this host in these tests).
    static var mailHost: TableResolver {
        var table = TableResolver()
        table.mailHost("example.test", "mail.example.test", address: [192, 0, 2, 1])
        return table
    }
}

@Suite struct MailDNSCheckTests {
    let pki = TestPKI.shared
    let here: Set<String> = ["192.0.2.1"]

    private func check(_ table: TableResolver, allow: Bool = false) -> (MailDNSCheck, MailDNSCheck.Lookups) {
        let check = MailDNSCheck(resolver: table, localAddresses: here, allowTLSAMismatch: allow)
        let lookups = check.lookUp(hostname: "mail.example.test") { $0 == "mydomain" ? "example.test" : "" }
        return (check, lookups)
    }

    private var chain: [Certificate] { [pki.leaf.certificate, pki.intermediate.certificate] }

    @Test func aPublishedRecordForTheNewKeyOrItsCAPasses() throws {
        for record in [TLSARecord.endEntity(pki.leaf.certificate), .trustAnchor(pki.intermediate.certificate),
                       TLSARecord(usage: 3, selector: 0, matchingType: 0, data: pki.leaf.certificate.der),
                       TLSARecord(usage: 3, selector: 1, matchingType: 2, data: PublicKeyDigest.digest(pki.leaf.certificate.subjectPublicKeyInfoDER, EVP_sha512()))] {
            var table = TableResolver.mailHost
            table.authenticated = true
            table.tlsa("mail.example.test", record)
            let (dns, lookups) = check(table)
            let findings = dns.beforeChange(chain: chain, file: "new.pem", lookups: lookups, known: ["mail.example.test"])
            #expect(findings.map(\.code) == [.tlsaMatches], "\(record.text): \(findings)")
            #expect(findings.first?.message.contains("DNSSEC-validated") == true)
        }
    }

    @Test func recordsForAnotherKeyRefuseTheChangeWithTheRecordToPublishAndTheWait() throws {
        var table = TableResolver.mailHost
        let old = try pki.issueLeaf(.server("mail.example.test"))
        table.tlsa("mail.example.test", .endEntity(old.certificate), ttl: 1800)
        table.tlsa("mail.example.test", TLSARecord(usage: 1, selector: 1, matchingType: 1, data: pki.leaf.certificate.subjectPublicKeyInfoSHA256))
        let (dns, lookups) = check(table)
        let findings = dns.beforeChange(chain: chain, file: "new.pem", lookups: lookups, known: ["mail.example.test"])
        let refusal = try #require(findings.first { $0.code == .tlsaNotPublished })
        #expect(refusal.severity == .error)
        #expect(refusal.message.contains("_25._tcp.mail.example.test"))
        #expect(refusal.message.contains("not DNSSEC-validated"))
        let record = "_25._tcp.mail.example.test. 1800 IN TLSA 3 1 1 \(Hex.lowercase(pki.leaf.certificate.subjectPublicKeyInfoSHA256))"
        #expect(refusal.hint.contains(record), "\(refusal.hint)")
        #expect(refusal.hint.contains("1800 s"))
        #expect(refusal.hint.contains("2 1 1 \(Hex.lowercase(pki.intermediate.certificate.subjectPublicKeyInfoSHA256))"), "the 3 1 1 + 2 1 1 scheme names the CA's record")
        let (allowing, again) = check(table, allow: true)
        #expect(allowing.beforeChange(chain: chain, file: "new.pem", lookups: again, known: []).first { $0.code == .tlsaNotPublished }?.severity == .warning)
        #expect(dns.served(chain: chain, file: "new.pem", lookups: lookups, known: []).map(\.code) == [.tlsaMismatch])
    }

    @Test func aServerThatWillPresentTwoKeyTypesNeedsARecordForEach() throws {
        let rsa = try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(.rsa(bits: 2048)))
        var table = TableResolver.mailHost
        table.tlsa("mail.example.test", .endEntity(pki.leaf.certificate))
        let (dns, lookups) = check(table)
        let both = [chain, [rsa.certificate, pki.intermediate.certificate]]
        let refusal = dns.beforeChange(chains: both, file: "new.pem", lookups: lookups, known: ["mail.example.test"]).filter { $0.code == .tlsaNotPublished }
        #expect(refusal.count == 1 && refusal[0].hint.contains(Hex.lowercase(rsa.certificate.subjectPublicKeyInfoSHA256)), "\(refusal)")
        table.tlsa("mail.example.test", .endEntity(rsa.certificate))
        let (published, again) = check(table)
        #expect(published.beforeChange(chains: both, file: "new.pem", lookups: again, known: []).map(\.code) == [.tlsaMatches])
    }

    @Test func onlyPKIXRecordsOrNoneAreNotDANE() {
        var table = TableResolver.mailHost
        table.tlsa("mail.example.test", TLSARecord(usage: 0, selector: 0, matchingType: 1, data: [1, 2, 3]))
        let (dns, lookups) = check(table)
        #expect(dns.beforeChange(chain: chain, file: "new.pem", lookups: lookups, known: []).isEmpty)
        let (quiet, none) = check(TableResolver.mailHost)
        #expect(quiet.served(chain: chain, file: "new.pem", lookups: none, known: []).isEmpty)
    }

    @Test func anMXNameOfThisHostTheCertificateLacksIsNameNotCovered() throws {
        var table = TableResolver.mailHost
        table.add("example.test", .mx, DNSRecord(ttl: 300, data: [], preference: 20, target: "mx2.example.test"))
        table.add("mx2.example.test", .aaaa, DNSRecord(ttl: 300, data: [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1]))
        table.add("elsewhere.example.test", .a, DNSRecord(ttl: 300, data: [198, 51, 100, 1]))
        table.add("example.test", .mx, DNSRecord(ttl: 300, data: [], preference: 30, target: "elsewhere.example.test"))
        let dns = MailDNSCheck(resolver: table, localAddresses: here.union(["2001:db8::1"]))
        let lookups = dns.lookUp(hostname: "mail.example.test") { $0 == "mydomain" ? "example.test" : "" }
        #expect(lookups.mxNames == ["mail.example.test", "mx2.example.test"], "only names whose address is this host's")
        let findings = dns.beforeChange(chain: chain, file: "new.pem", lookups: lookups, known: ["mail.example.test"])
        let uncovered = try #require(findings.first { $0.code == .nameNotCovered })
        #expect(uncovered.message.contains("mx2.example.test"))
        #expect(uncovered.severity == .warning)
        #expect(findings.filter { $0.code == .nameNotCovered }.count == 1)
    }

    @Test func noAnswerSaysCouldNotLookUpAndNeverBlocks() {
        var table = TableResolver.mailHost
        table.failing = ["example.test", "mail.example.test"]
        let (dns, lookups) = check(table)
        let findings = dns.beforeChange(chain: chain, file: "new.pem", lookups: lookups, known: [])
        #expect(findings.map(\.code) == [.dnsLookupFailed])
        #expect(findings.first?.severity == .info)
        #expect(findings.first?.message.contains("Could not look up mail.example.test") == true, "\(findings)")
    }

    @Test func mailDomainsComeFromTheSettingsWithoutMapsOrLocalhost() {
        let values = ["mydomain": "example.test", "mydestination": "$myhostname, mail.example.test, localhost.localdomain, , localhost, other.test",
                      "virtual_mailbox_domains": "hash:/etc/postfix/vdomains", "relay_domains": "relay.test"]
        #expect(MailHostNames.mailDomains(hostname: "mail.example.test", value: { values[$0] ?? "" })
                == ["mail.example.test", "example.test", "other.test", "relay.test"])
        #expect(MailHostNames.mailDomains(hostname: "mx.corp.test", value: { _ in "" }) == ["mx.corp.test", "corp.test"])
    }

    @Test func resolverChoices() {
        #expect(ResolverChoice("127.0.0.1:5353") == .server(address: "127.0.0.1", port: 5353))
        #expect(ResolverChoice("192.0.2.53") == .server(address: "192.0.2.53", port: 53))
        #expect(ResolverChoice("none") == ResolverChoice.none)
        for bad in ["example.test", "1.2.3.4:0", "1.2.3.4:99999", "300.1.1.1", "1.2.3", "1.2.3.4:x"] {
            #expect(ResolverChoice(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv6ResolverChoices() {
        #expect(ResolverChoice("::1") == .server(address: "::1", port: 53))
        #expect(ResolverChoice("[::1]") == .server(address: "::1", port: 53))
        #expect(ResolverChoice("[::1]:5353") == .server(address: "::1", port: 5353))
        #expect(ResolverChoice("[2001:db8::53]:53") == .server(address: "2001:db8::53", port: 53))
        // A bare address takes no port: its last group is part of the address.
        #expect(ResolverChoice("2001:db8::1:5353") == .server(address: "2001:db8::1:5353", port: 53))
        for bad in ["[::1", "::1]", "[::1]5353", "[::1]:", "[::1]:0", "[::1]:65536", "[::1]:x", "[127.0.0.1]:53", "fe80::1%eth0",
                    "[fe80::1%eth0]:53", "::g", ":::1", "[]:53"] {
            #expect(ResolverChoice(bad) == nil, "\(bad)")
        }
    }

    @Test func serversAreShownAsTheyAreWritten() {
        #expect(ResolverChoice.display(address: "127.0.0.1", port: 5353) == "127.0.0.1:5353")
        #expect(ResolverChoice.display(address: "::1", port: 53) == "[::1]:53")
    }
}
