import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A resolver that counts the questions it is asked: the `n`th (from 1) waits `delay(n)`
/// seconds, then fails when `fails(n)` (as a try that timed out would), else answers with
/// no records.
private final class CountingResolver: DNSResolving, @unchecked Sendable {
    let delay: @Sendable (Int) -> TimeInterval
    let fails: @Sendable (Int) -> Bool
    private let lock = NSLock()
    private var count = 0
    init(delay: @escaping @Sendable (Int) -> TimeInterval, fails: @escaping @Sendable (Int) -> Bool = { _ in false }) {
        self.delay = delay
        self.fails = fails
    }
    /// Every question takes `delay` seconds and is answered.
    convenience init(delay: TimeInterval) { self.init(delay: { _ in delay }) }
    var asked: Int { lock.withLock { count } }
    func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        let number = lock.withLock { count += 1; return count }
        Thread.sleep(forTimeInterval: delay(number))
        return fails(number) ? .failure(DNSFailure(name: name, reason: "timed out")) : .success(DNSAnswer(records: [], authenticated: false))
    }
}

/// One deadline for all the lookups of one command: it runs while a lookup is under way,
/// cuts the lookup that is running when it ends, and makes every later lookup fail at once.
@Suite struct DeadlineResolverTests {
    /// For the tests of the deadline alone: no question is asked again (a loaded machine
    /// could otherwise make a 0.3 s answer late).
    static let never: Duration = .seconds(60)

    @Test func theDeadlineCutsTheRunningLookupAndRefusesTheRestWithoutAsking() {
        let slow = CountingResolver(delay: 0.3)
        let resolver = DeadlineResolver(slow, deadline: DNSDeadline(budget: .seconds(1)), askAgainAfter: Self.never)
        let started = Date()
        let results = (0..<10).map { resolver.lookup("n\($0).example.test", type: .a) }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.95 && elapsed < 1.5, "the ten lookups took \(elapsed) s")
        let answered = results.prefix { if case .success = $0 { true } else { false } }.count
        #expect((2...3).contains(answered), "about three lookups of 0.3 s fit in 1 s: \(answered)")
        guard case .failure(let cut) = results[answered] else { Issue.record("the next lookup runs into the deadline"); return }
        #expect(cut.name == "n\(answered).example.test")
        #expect(cut.reason.contains("DNS deadline of 1 s"), "\(cut.reason)")
        #expect(results.dropFirst(answered).allSatisfy { if case .failure = $0 { true } else { false } })
        #expect(slow.asked == answered + 1, "no lookup is asked once the time is spent")
    }

    @Test func theTimeRunsOnlyWhileALookupIsUnderWay() {
        // The wizard asks when it starts and again minutes later: the wait between is free.
        let deadline = DNSDeadline(budget: .milliseconds(500))
        let resolver = DeadlineResolver(CountingResolver(delay: 0.2), deadline: deadline, askAgainAfter: Self.never)
        #expect((try? resolver.lookup("a.example.test", type: .mx).get()) != nil)
        Thread.sleep(forTimeInterval: 0.6)
        #expect((try? resolver.lookup("b.example.test", type: .mx).get()) != nil, "0.3 s were left")
        guard case .failure = resolver.lookup("c.example.test", type: .mx) else { Issue.record("0.1 s left, 0.2 s needed"); return }
    }

    @Test func lookupsSideBySideSpendTheTimeTogether() {
        let resolver = DeadlineResolver(CountingResolver(delay: 0.2), deadline: DNSDeadline(budget: .milliseconds(700)), askAgainAfter: Self.never)
        let lock = NSLock()
        nonisolated(unsafe) var succeeded = 0
        let group = DispatchGroup()
        for index in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                if case .success = resolver.lookup("n\(index).example.test", type: .a) { lock.withLock { succeeded += 1 } }
                group.leave()
            }
        }
        group.wait()
        #expect(succeeded == 4, "four lookups of 0.2 s side by side spend about 0.2 s of the 0.7 s, not 0.8 s")
    }

    @Test func anUnansweredQuestionIsAskedAgainAfterHalfASecondAndTheFirstAnswerWins() throws {
        // The first asking's answer is lost: it fails after 3 s, as a try that timed out.
        let losing = CountingResolver(delay: { $0 == 1 ? 3 : 0 }, fails: { $0 == 1 })
        let started = Date()
        let result = DeadlineResolver(losing, deadline: DNSDeadline(budget: .seconds(10))).lookup("mail.example.test", type: .a)
        let elapsed = Date().timeIntervalSince(started)
        guard case .success = result else { Issue.record("the second asking's answer, not the first's failure: \(result)"); return }
        #expect(elapsed >= 0.45 && elapsed < 1.5, "answered after about half a second: \(elapsed) s")
        #expect(losing.asked == 2)
    }

    @Test func aQuestionIsAskedAtMostThreeTimesAndTheDeadlineStillHolds() {
        let silent = CountingResolver(delay: 5)
        let started = Date()
        let result = DeadlineResolver(silent, deadline: DNSDeadline(budget: .seconds(3))).lookup("mail.example.test", type: .a)
        let elapsed = Date().timeIntervalSince(started)
        guard case .failure(let failure) = result else { Issue.record("no answer within the deadline is a failure"); return }
        #expect(failure.reason.contains("DNS deadline of 3 s"), "\(failure.reason)")
        #expect(elapsed >= 2.95 && elapsed < 3.6, "\(elapsed) s")
        #expect(silent.asked == 3, "asked at 0, 0.5 and 1 s, then no more: \(silent.asked)")
    }

    @Test func aCopyThatFailsDoesNotHideALaterCopysAnswer() {
        // Asked again after 1 s: the first asking fails at 1.3 s, while the second is still out
        // (it answers at 1.6 s, before a third would be asked at 2 s).
        let resolver = CountingResolver(delay: { $0 == 1 ? 1.3 : 0.6 }, fails: { $0 == 1 })
        let result = DeadlineResolver(resolver, deadline: DNSDeadline(budget: .seconds(10)), askAgainAfter: .seconds(1))
            .lookup("mail.example.test", type: .a)
        guard case .success = result else { Issue.record("the second asking's answer was hidden: \(result)"); return }
        #expect(resolver.asked == 2)
    }

    @Test func aFailureWithNoOtherCopyOutIsTheAnswerAtOnce() {
        // A resolver that refuses at once: asking again would only be refused again.
        let refusing = CountingResolver(delay: { _ in 0 }, fails: { _ in true })
        let started = Date()
        let result = DeadlineResolver(refusing, deadline: DNSDeadline(budget: .seconds(10))).lookup("mail.example.test", type: .a)
        guard case .failure = result else { Issue.record("\(result)"); return }
        #expect(Date().timeIntervalSince(started) < 0.4)
        #expect(refusing.asked == 1)
    }

    @Test func aSlowResolverWithFourQuestionsOutIsNotAskedAgain() {
        // Four questions side by side (as asking ahead puts them), each answered after 0.8 s:
        // the resolver is slow, not losing queries, and the command already has four out.
        let slow = CountingResolver(delay: 0.8)
        let resolver = DeadlineResolver(slow, deadline: DNSDeadline(budget: .seconds(10)))
        let group = DispatchGroup()
        for index in 0..<AskedAheadResolver.width {
            group.enter()
            Thread.detachNewThread {
                _ = resolver.lookup("n\(index).example.test", type: .a)
                group.leave()
            }
        }
        group.wait()
        #expect(slow.asked == AskedAheadResolver.width, "no question asked twice: \(slow.asked)")
    }

    @Test func eachTryOfTheSystemResolverIsCutToTheTimeLeft() throws {
        let resolver = SystemResolver(server: ("127.0.0.1", 53), timeout: 2, attempts: 2)
        let cut = try #require(resolver.limited(to: .milliseconds(1500)) as? SystemResolver)
        #expect(cut.timeout == 2 && cut.attempts == 1)
        let short = try #require(resolver.limited(to: .milliseconds(300)) as? SystemResolver)
        #expect(short.timeout == 1 && short.attempts == 1)
        let long = try #require(resolver.limited(to: .seconds(20)) as? SystemResolver)
        #expect(long.timeout == 2 && long.attempts == 2)
    }

    @Test func theLookupsNotMadeAreNamedInTheFinding() throws {
        var table = TableResolver.mailHost
        for index in 2...14 { table.add("example.test", .mx, DNSRecord(ttl: 300, data: [], preference: 10 + index, target: "mx\(index).example.test")) }
        table.failing = ["mx3.example.test"]
        let check = MailDNSCheck(resolver: table, localAddresses: ["192.0.2.1"])
        let lookups = check.lookUp(hostname: "mail.example.test") { $0 == "mydestination" ? "other.test" : "" }
        #expect(lookups.mxNames == ["mail.example.test"])
        #expect(lookups.unasked == (4...14).map { "mx\($0).example.test A/AAAA" } + ["other.test MX", "_25._tcp.mail.example.test TLSA"])
        let finding = try #require(check.beforeChange(chain: [TestPKI.shared.leaf.certificate], file: "new.pem", lookups: lookups, known: [])
            .first { $0.code == .dnsLookupFailed })
        #expect(finding.severity == .info)
        #expect(finding.message.contains("Could not look up mx3.example.test: timed out. Not checked either: mx4.example.test A/AAAA, mx5.example.test A/AAAA"),
                "\(finding.message)")
        #expect(finding.message.contains("mx13.example.test A/AAAA and 3 more."), "ten are named, the rest counted: \(finding.message)")
    }
}
