import Foundation
import Testing
@testable import PftlsCore

/// The mail-name search asks its lookups side by side, a batch per round trip, and still
/// reads the answers in its own order.
@Suite struct AskedAheadResolverTests {
    /// A table that takes `delay` to answer each lookup and counts them.
    final class SlowTable: DNSResolving, @unchecked Sendable {
        let table: TableResolver
        let delay: Duration
        private let lock = NSLock()
        private(set) var asked: [String] = []

        init(_ table: TableResolver, delay: Duration) {
            self.table = table
            self.delay = delay
        }

        func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
            lock.withLock { asked.append("\(type) \(name)") }
            Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
            return table.lookup(name, type: type)
        }
    }

    /// Four mail domains (myhostname, its parent and two more), three MX hosts: one at a time
    /// this is four MX, four address and two TLSA lookups (10 round trips); asked ahead,
    /// three batches.
    @Test func lookupsOfOneRoundAreAskedSideBySide() {
        var table = TableResolver()
        table.mailHost("example.test", "mail.example.test", address: [192, 0, 2, 1])
        table.mailHost("example.net", "mx.example.net", address: [192, 0, 2, 1])
        table.mailHost("example.org", "mx.example.org", address: [192, 0, 2, 9])
        let slow = SlowTable(table, delay: .milliseconds(150))
        let check = MailDNSCheck(resolver: slow, localAddresses: ["192.0.2.1"])
        let started = Date()
        let lookups = check.lookUp(hostname: "mail.example.test") { $0 == "mydestination" ? "example.net, example.org" : "" }
        let seconds = Date().timeIntervalSince(started)
        #expect(lookups.mxNames == ["mail.example.test", "mx.example.net"], "the hosts found in the order of the domains")
        #expect(lookups.publications.map(\.name) == ["mail.example.test", "mx.example.net"])
        #expect(lookups.failures.isEmpty && lookups.unasked.isEmpty)
        #expect(seconds < 1.0, "10 lookups of 0.15 s one after another take 1.5 s; asked ahead: \(seconds) s")
        #expect(slow.asked.filter { $0.hasPrefix("mx ") }.count == 4, "each question is put once: \(slow.asked)")
    }

    /// A lookup without an answer still ends the search where it did; what was asked ahead
    /// after it is set aside and named as not checked.
    @Test func theFirstLookupWithoutAnAnswerStillEndsTheSearch() {
        var table = TableResolver()
        table.mailHost("example.test", "mail.example.test", address: [192, 0, 2, 1])
        table.mailHost("example.net", "mx.example.net", address: [192, 0, 2, 1])
        table.failing = ["example.test"]
        let check = MailDNSCheck(resolver: SlowTable(table, delay: .milliseconds(20)), localAddresses: ["192.0.2.1"])
        let lookups = check.lookUp(hostname: "mail.example.test") { $0 == "mydestination" ? "example.net" : "" }
        #expect(lookups.failures.map(\.name) == ["example.test"])
        #expect(lookups.mxNames == ["mail.example.test"], "mx.example.net's answer came, but after the failure it is not used")
        #expect(lookups.unasked == ["example.net MX", "_25._tcp.mail.example.test TLSA"], "\(lookups.unasked)")
    }
}
