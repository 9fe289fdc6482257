import Dispatch
import FoundationEssentials
import PftlsCore
import Glibc

/// Runs effects on background queues and hands their events back to the UI
/// thread, which drains them between key presses: nothing blocks the UI.
public final class BackgroundEffects: @unchecked Sendable {
    private let runner: EffectRunner
    private let lock = Lock()
    private var events: [Event] = []
    private var running = 0
    /// Listing and classifying: quick, many.
    private let browsing = DispatchQueue(label: "pftls.browse")
    /// Inspecting, planning, applying: one at a time, in order.
    private let work = DispatchQueue(label: "pftls.work")

    /// Written to whenever events arrive, so a UI sleeping in poll() wakes.
    private let wake: WakePipe?

    /// Uses `runner` for the work; `wake` is signalled when events arrive.
    public init(runner: EffectRunner, wake: WakePipe? = nil) {
        self.runner = runner
        self.wake = wake
    }

    /// Starts `effect`; its events arrive through `drain()`.
    public func start(_ effect: Effect) {
        let box = UncheckedBox(effect)
        let queue: DispatchQueue = switch effect {
        case .list, .classify, .checkDirectory, .completeDirectory, .open: browsing
        default: work
        }
        lock.withLock { running += 1 }
        queue.async { [self] in
            let produced = runner.perform(box.value)
            lock.withLock {
                events.append(contentsOf: produced)
                running -= 1
            }
            wake?.signal()
        }
    }

    /// The events that arrived since the last call, in order.
    public func drain() -> [Event] {
        lock.withLock {
            defer { events.removeAll() }
            return events
        }
    }

    /// True while work is running.
    public var isBusy: Bool { lock.withLock { running > 0 } }

    /// Waits until the serial work queue is idle (an apply in progress finishes its commit).
    public func waitForWork() { work.sync {} }
}

/// Carries a value across threads where the code guarantees one owner at a time.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
