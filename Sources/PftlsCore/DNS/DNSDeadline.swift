/// The time all the DNS lookups of one command share (30 s). It runs only while a
/// lookup is under way, so the wizard, which asks when it starts and again when it
/// builds the plan minutes later, has the same time as a command that asks at once;
/// lookups that run side by side spend it together, not each.
public final class DNSDeadline: @unchecked Sendable {
    /// The time of one command: the overall deadline of a network conversation.
    public static let standard: Duration = .seconds(30)

    /// The time in all.
    public let budget: Duration
    private let lock = Lock()
    private var spent: Duration = .zero
    private var running = 0
    private var runningSince: ContinuousClock.Instant?

    /// A deadline of `budget`, none of it spent.
    public init(budget: Duration = standard) { self.budget = budget }

    /// The whole seconds of the budget, for messages.
    public var seconds: Int64 { budget.components.seconds }

    /// Starts a lookup: the time left, or nil when none is left (the lookup is not made).
    /// Each call that returns a time is matched by one `end()`.
    func begin() -> Duration? {
        lock.withLock {
            let now = ContinuousClock.now
            let left = budget - spent - (runningSince.map { now - $0 } ?? .zero)
            guard left > .zero else { return nil }
            if running == 0 { runningSince = now }
            running += 1
            return left
        }
    }

    /// Ends a lookup started by `begin()`.
    func end() {
        lock.withLock {
            running -= 1
            if running == 0, let since = runningSince {
                spent += ContinuousClock.now - since
                runningSince = nil
            }
        }
    }
}
