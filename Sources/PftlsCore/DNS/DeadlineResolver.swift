/// Gives every lookup of one command one shared deadline (`DNSDeadline`): each lookup
/// waits no longer than the time left, and once none is left, lookups fail at once
/// without asking. A lookup runs on a thread of its own and is left behind when the time
/// runs out: the C library's resolver cannot be interrupted, and reads a TCP answer with
/// no timeout at all. Its own tries are cut to the time left too, so it ends soon after.
///
/// A question still unanswered after `askAgainAfter` is asked again beside the first (at
/// most `copies` at once), and the first answer wins: a lost UDP packet then costs half a
/// second, not the C library's retry time of whole seconds (2 s here).
public struct DeadlineResolver: DNSResolving {
    let upstream: DNSResolving
    /// The time the lookups share.
    public let deadline: DNSDeadline
    /// How long a question waits for its answer before it is asked again.
    static let askAgainAfter: Duration = .milliseconds(500)
    /// The most times one question is asked at once.
    static let copies = 3

    /// Wraps `upstream`; its lookups share `deadline`.
    public init(_ upstream: DNSResolving, deadline: DNSDeadline = DNSDeadline()) {
        self.upstream = upstream
        self.deadline = deadline
    }

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        guard let left = deadline.begin() else { return .failure(ranOut(name)) }
        defer { deadline.end() }
        let handoff = Handoff<Result<DNSAnswer, DNSFailure>>()
        let asked = upstream.limited(to: left)
        let end = ContinuousClock.now + left
        for copy in 1...Self.copies {
            DetachedThread.start { handoff.put(asked.lookup(name, type: type)) }
            let remaining = end - ContinuousClock.now
            if let answer = handoff.take(within: copy < Self.copies ? min(Self.askAgainAfter, remaining) : remaining) { return answer }
            if ContinuousClock.now >= end { break }
        }
        return .failure(ranOut(name))
    }

    private func ranOut(_ name: String) -> DNSFailure {
        DNSFailure(name: name, reason: Catalog.text("dns.deadline.reason", ["seconds": "\(deadline.seconds)"]))
    }
}
