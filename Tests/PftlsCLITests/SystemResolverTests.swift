import Foundation
import Testing
@testable import PftlsCore

/// The C library's resolver (res_nquery) against a real DNS server on loopback.
@Suite(.serialized) struct SystemResolverTests {
    let pki: CLIFixtures

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pftls-resolver-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        pki = try CLIFixtures(directory: directory)
    }

    @Test func readsMXAddressAndTLSARecordsWithTheirTTL() throws {
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: KeyGenerator.generate(.ec(curve: "P-256")),
                                                issuer: pki.intermediate)
        let server = try LocalDNSServer(["mx-host=example.test,mx2.example.test,20", "mx-host=example.test,mail.example.test,10",
                                         "host-record=mail.example.test,127.0.0.1", "host-record=mx2.example.test,192.0.2.7,2001:db8::7",
                                         LocalDNSServer.tlsa("mail.example.test", .endEntity(leaf))])
        let resolver = server.resolver
        let mx = try resolver.lookup("example.test", type: .mx).get()
        #expect(Set(mx.records.map { "\($0.preference) \($0.target)" }) == ["10 mail.example.test", "20 mx2.example.test"])
        #expect(mx.authenticated == false, "dnsmasq does not validate; the AD bit is reported as it comes")
        let a = try resolver.lookup("mx2.example.test", type: .a).get()
        #expect(a.records.compactMap { LocalAddresses.text(ofRecordData: $0.data) } == ["192.0.2.7"])
        let aaaa = try resolver.lookup("mx2.example.test", type: .aaaa).get()
        #expect(aaaa.records.compactMap { LocalAddresses.text(ofRecordData: $0.data) } == ["2001:db8::7"])
        let tlsa = try TLSAPublication.lookup("mail.example.test", resolver: resolver).get()
        #expect(tlsa.records == [.endEntity(leaf)])
        #expect(tlsa.ttl == 300)
        #expect(tlsa.matches([leaf]))
        #expect(try resolver.lookup("nothing.example.test", type: .tlsa).get().records.isEmpty, "NXDOMAIN is an empty answer")
        #expect(try resolver.lookup("mail.example.test", type: .tlsa).get().records.isEmpty, "no data is an empty answer")
    }

    @Test func aServerThatDoesNotAnswerIsAFailureNotAnEmptyAnswer() throws {
        let server = try LocalDNSServer([])
        let resolver = server.resolver
        server.stop()
        let started = Date()
        guard case .failure(let failure) = resolver.lookup("example.test", type: .mx) else {
            Issue.record("a stopped server must not look like an empty answer")
            return
        }
        #expect(failure.name == "example.test")
        #expect(failure.reason.contains("127.0.0.1:\(server.port)"))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func findsTheMXNamesThatPointAtThisHost() throws {
        let server = try LocalDNSServer(["mx-host=example.test,mail.example.test,10", "mx-host=example.test,backup.example.net.test,20",
                                         "host-record=mail.example.test,127.0.0.1", "host-record=backup.example.net.test,192.0.2.9",
                                         "mx-host=other.test,mx.other.test,10", "host-record=mx.other.test,127.0.0.1",
                                         "host-record=implicit.test,127.0.0.1"])
        let found = MailHostNames(resolver: server.resolver, localAddresses: LocalAddresses.current())
            .find(domains: ["example.test", "other.test", "implicit.test", "nomail.test"])
        #expect(found.names == ["mail.example.test", "mx.other.test", "implicit.test"], "\(found)")
        #expect(found.failures.isEmpty)
    }
}
