/// Gives every lookup of one command one shared deadline (`DNSDeadline`): each lookup
/// waits no longer than the time left, and once none is left, lookups fail at once
/// without asking. A lookup runs on a thread of its own and is left behind when the time
/// runs out: the C library's resolver cannot be interrupted, and reads a TCP answer with
/// no timeout at all. Its own tries are cut to the time left too, so it ends soon after.
///
/// A question still unanswered after `askAgainAfter` is asked again beside the first (at
/// most `copies` at once, each with the time then left, and only while the command has
/// fewer than `AskedAheadResolver.width` queries out), and the first answer wins: a lost
/// UDP packet then costs half a second, not the C library's retry time of whole seconds.
public struct DeadlineResolver: DNSResolving {
    let upstream: DNSResolving
    /// The time the lookups share.
    public let deadline: DNSDeadline
    /// How long a question waits for its answer before it is asked again.
    let askAgainAfter: Duration
    /// The most times one question is asked at once.
    static let copies = 3
    /// The command's queries out, over all its questions.
    private let out = QueriesOut()

    /// Wraps `upstream`; its lookups share `deadline`, and a question is asked again when
    /// its answer is `askAgainAfter` late.
    public init(_ upstream: DNSResolving, deadline: DNSDeadline = DNSDeadline(), askAgainAfter: Duration = .milliseconds(500)) {
        self.upstream = upstream
        self.deadline = deadline
        self.askAgainAfter = askAgainAfter
    }

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        guard let left = deadline.begin() else { return .failure(ranOut(name)) }
        defer { deadline.end() }
        let end = ContinuousClock.now + left
        let copies = QuestionCopies(countedIn: out)
        copies.ask(name, type: type, of: upstream.limited(to: left))
        for _ in 1..<Self.copies {
            if let answer = copies.answer(within: min(askAgainAfter, end - .now)) { return answer }
            let remaining = end - .now
            // A try lasts a whole second at least: a copy asked later would outlive the deadline.
            guard remaining >= .seconds(1),
                  copies.ask(name, type: type, of: upstream.limited(to: remaining), limit: AskedAheadResolver.width) else { break }
        }
        return copies.answer(within: end - .now) ?? .failure(ranOut(name))
    }

    private func ranOut(_ name: String) -> DNSFailure {
        DNSFailure(name: name, reason: Catalog.text("dns.deadline.reason", ["seconds": "\(deadline.seconds)"]))
    }
}
