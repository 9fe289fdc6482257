import FoundationEssentials
import Glibc

/// A question (to Postfix, or the catalog's tables) answered the first time the answer
/// is needed, and never again: copies of the value share the answer.
final class AskedOnce<Answer: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    private var ask: (() -> Answer)?
    private var answer: Answer?

    /// A question not asked yet.
    init(_ ask: @escaping @Sendable () -> Answer) { self.ask = ask }

    /// A question already answered.
    init(answered: Answer) { answer = answered }

    /// A question put at once on another thread, so that Postfix answers while the caller
    /// works. Whoever comes first asks, under the lock; the other waits for that answer.
    static func startingNow(_ ask: @escaping @Sendable () -> Answer) -> AskedOnce {
        let question = AskedOnce(ask)
        DetachedThread.start { _ = question.value }
        return question
    }

    /// The answer, asking first if need be.
    var value: Answer {
        lock.withLock {
            if let answer { return answer }
            let fresh = ask!()
            answer = fresh
            ask = nil
            return fresh
        }
    }
}
