import Foundation
import Testing
@testable import PftlsCore

/// The mail-name search asks its lookups side by side, a batch per round trip, and still
/// reads the answers in its own order.
@Suite struct AskedAheadResolverTests {
    /// A table that takes `delay` to answer each lookup (a failure comes at once) and counts them.
    final class SlowTable: DNSResolving, @unchecked Sendable {
        let table: TableResolver
        let delay: Duration
        private let lock = NSLock()
        private var questions: [String] = []
        var asked: [String] { lock.withLock { questions } }

        init(_ table: TableResolver, delay: Duration) {
            self.table = table
            self.delay = delay
        }

        func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
            lock.withLock { questions.append("\(type) \(name)") }
            let answer = table.lookup(name, type: type)
            if case .success = answer { Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds)) }
            return answer
        }
    }

    /// Four mail domains (myhostname, its parent and two more), three MX hosts: one at a time
    /// this is four MX, four address and two TLSA lookups (10 round trips); with the MX and
    /// TLSA records asked ahead, six.
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
        #expect(seconds < 1.25, "10 lookups of 0.15 s one after another take 1.5 s; asked ahead: \(seconds) s")
        #expect(slow.asked.filter { $0.hasPrefix("mx ") }.count == 4, "each question is put once: \(slow.asked)")
    }

    /// Once a lookup gets no answer, no new question is put: a resolver that does not answer
    /// would only time out again.
    @Test func noQuestionIsPutAfterOneGotNoAnswer() {
        var table = TableResolver()
        table.failing = ["mail.example.test"]
        let slow = SlowTable(table, delay: .milliseconds(50))
        let domains = (0..<14).map { "d\($0).test" }.joined(separator: ", ")
        let lookups = MailDNSCheck(resolver: slow, localAddresses: ["192.0.2.1"]).lookUp(hostname: "mail.example.test") { $0 == "mydestination" ? domains : "" }
        #expect(lookups.failures.map(\.name) == ["mail.example.test"])
        Thread.sleep(forTimeInterval: 0.3)
        let exchanges = slow.asked.filter { $0.hasPrefix("mx ") }
        #expect(exchanges.count <= AskedAheadResolver.width, "16 MX questions, one batch put: \(exchanges)")
        #expect(!slow.asked.contains { $0.hasPrefix("a ") || $0.hasPrefix("aaaa ") }, "no address asked ahead: \(slow.asked)")
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
