/// The DNS queries one command has out at a time, over all its questions: a late question
/// is asked again (`DeadlineResolver`) only while fewer than a limit are out, so a resolver
/// that is slow rather than lossy is not asked everything twice.
final class QueriesOut: @unchecked Sendable {
    private let lock = Lock()
    private var count = 0

    /// Counts one more query out; with a `limit`, only while fewer than `limit` are.
    /// Returns whether it was counted.
    func enter(below limit: Int? = nil) -> Bool {
        lock.withLock {
            if let limit, count >= limit { return false }
            count += 1
            return true
        }
    }

    /// Counts one query back in.
    func leave() {
        lock.withLock { count -= 1 }
    }
}
