import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The C library's resolver (res_nquery) against a real DNS server on loopback.
@Suite(.serialized, .tags(.endToEnd)) struct SystemResolverTests {
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

    @Test func asksAnIPv6ServerGivenAsTheOptionWritesItAndNamesItInAFailure() throws {
        let server = try LocalDNSServer(["mx-host=example.test,mail.example.test,10"], listenAddress: "::1")
        #expect(server.address == "[::1]:\(server.port)")
        let resolver = try #require(ResolverChoice(server.address)?.resolver())
        #expect(try resolver.lookup("example.test", type: .mx).get().records.map(\.target) == ["mail.example.test"])
        server.stop()
        guard case .failure(let failure) = resolver.lookup("example.test", type: .mx) else {
            Issue.record("a stopped IPv6 server must not look like an empty answer")
            return
        }
        #expect(failure.reason.contains("[::1]:\(server.port)"), "\(failure.reason)")
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

    @Test func aTLSARRsetOfMoreThan64RecordsIsReadWhole() throws {
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: KeyGenerator.generate(.ec(curve: "P-256")),
                                                issuer: pki.intermediate)
        // A hundred records for other keys first; the one for the key in use last.
        let others = (0..<100).map { _ in TLSARecord(usage: 3, selector: 1, matchingType: 1, data: (0..<32).map { _ in UInt8.random(in: 0...255) }) }
        let server = try LocalDNSServer((others + [.endEntity(leaf)]).map { LocalDNSServer.tlsa("mail.example.test", $0) })
        let publication = try TLSAPublication.lookup("mail.example.test", resolver: server.resolver).get()
        #expect(publication.records.count == 101, "the answer came over TCP and every record was read")
        #expect(Set(publication.records.map(\.text)) == Set((others + [.endEntity(leaf)]).map(\.text)))
        #expect(publication.matches([leaf]))
    }

    @Test func aTLSARecordOfTheWholeCertificateOver4096BytesIsRead() throws {
        // `3 0 0`: the whole certificate, here one with 200 names.
        let names = ["mail.example.test"] + (0..<200).map { "host-\($0).mail-servers.example.test" }
        let leaf = try CertificateFactory.issue(.server("mail.example.test", names: names), subjectKey: KeyGenerator.generate(.ec(curve: "P-256")),
                                                issuer: pki.intermediate)
        #expect(leaf.der.count > 4096, "\(leaf.der.count) bytes")
        let record = TLSARecord(usage: 3, selector: 0, matchingType: 0, data: leaf.der)
        let server = try ScriptedDNSServer(["52 _25._tcp.mail.example.test": [ScriptedDNSServer.tlsa(.init(3, 0, 0, leaf.der))]],
                                           behaviour: .answer(delay: 0))
        defer { server.stop() }
        let resolver = SystemResolver(server: ("127.0.0.1", server.port), timeout: 1, attempts: 1)
        let publication = try TLSAPublication.lookup("mail.example.test", resolver: resolver).get()
        #expect(publication.records == [record])
        #expect(publication.matches([leaf]))
    }

    /// A lost UDP packet: the C library asks again only after its timeout (whole seconds);
    /// the deadline's resolver asks again beside it after half a second.
    @Test func aLostQueryIsAskedAgainAfterHalfASecondNotAfterTheLibrarysTimeout() throws {
        let zone = ["15 example.test": [ScriptedDNSServer.mx(10, "mail.example.test")]]
        let lossy = try ScriptedDNSServer(zone, behaviour: .dropsFirstQuery)
        defer { lossy.stop() }
        let library = SystemResolver(server: ("127.0.0.1", lossy.port), timeout: 2, attempts: 2)
        var started = Date()
        let alone = try library.lookup("example.test", type: .mx).get()
        let libraryTime = Date().timeIntervalSince(started)
        #expect(alone.records.map(\.target) == ["mail.example.test"])
        #expect(libraryTime >= 1.9, "the C library waits its whole timeout for the lost query: \(libraryTime) s")
        started = Date()
        let asked = try DeadlineResolver(library).lookup("example.test", type: .a).get()
        let askedTime = Date().timeIntervalSince(started)
        #expect(asked.records.isEmpty, "example.test has no address: an empty answer, not a failure")
        #expect(askedTime >= 0.45 && askedTime < 1.2, "asked again after half a second: \(askedTime) s")
        // The first copy's own retry (at 2 s) may be answered too, once the test is this late.
        #expect((2...3).contains(lossy.answered), "the second question answered once: \(lossy.answered)")
    }

    @Test func anAnswerCutShortEvenOverTCPIsAFailureThatSaysSo() throws {
        let server = try ScriptedDNSServer(["52 _25._tcp.mail.example.test": [ScriptedDNSServer.tlsa(.init(3, 1, 1, Array(repeating: 7, count: 32)))]],
                                           behaviour: .truncatedEverywhere)
        defer { server.stop() }
        let resolver = SystemResolver(server: ("127.0.0.1", server.port), timeout: 1, attempts: 1)
        guard case .failure(let failure) = resolver.lookup("_25._tcp.mail.example.test", type: .tlsa) else {
            Issue.record("a cut answer must not look like an empty one")
            return
        }
        #expect(failure.reason.contains("cut short"), "\(failure.reason)")
    }
}
