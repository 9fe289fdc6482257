/// The copies of one DNS question that `DeadlineResolver` has asked, each on a thread of
/// its own. A success is handed over as soon as it comes; a failure only when no other copy
/// is still out, so a copy whose tries timed out does not hide a later copy's answer.
final class QuestionCopies: @unchecked Sendable {
    private let handoff = Handoff<Result<DNSAnswer, DNSFailure>>()
    private let lock = Lock()
    private var running = 0
    private let out: QueriesOut

    /// Copies counted in `out`, the command's queries out.
    init(countedIn out: QueriesOut) {
        self.out = out
    }

    /// Asks `name` of `resolver` once more; with a `limit`, only while the command has fewer
    /// than `limit` queries out. Returns whether it was asked.
    @discardableResult
    func ask(_ name: String, type: DNSRecordType, of resolver: DNSResolving, limit: Int? = nil) -> Bool {
        guard out.enter(below: limit) else { return false }
        lock.withLock { running += 1 }
        DetachedThread.start { [self] in
            let result = resolver.lookup(name, type: type)
            out.leave()
            let last = lock.withLock { () -> Bool in
                running -= 1
                return running == 0
            }
            if case .success = result { handoff.put(result) } else if last { handoff.put(result) }
        }
        return true
    }

    /// The answer, or nil when none came within `timeout`.
    func answer(within timeout: Duration) -> Result<DNSAnswer, DNSFailure>? {
        handoff.take(within: timeout)
    }
}
