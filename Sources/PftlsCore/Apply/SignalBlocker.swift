#if canImport(Glibc)
import Glibc
#endif

/// Holds SIGINT, SIGTERM and SIGHUP back while a set of files is replaced, so
/// Ctrl-C or a dropped SSH session cannot stop the commit half-way; an apply holds them
/// from its backup to its proof and looks for one at each step (`takePending`).
enum SignalBlocker {
    /// Runs `body` with the signals blocked; pending ones are delivered afterwards.
    static func withSignalsBlocked<R>(_ body: () throws -> R) rethrows -> R {
        let previous = block()
        defer { unblock(restoring: previous) }
        return try body()
    }

    /// The signals held back.
    private static var heldSignals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        return set
    }

    /// Blocks the signals for the calling thread until `unblock(restoring:)`; returns the previous mask.
    static func block() -> sigset_t {
        var blocked = heldSignals
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        return previous
    }

    /// Restores the mask `block()` returned; a signal still pending is delivered then.
    static func unblock(restoring previous: sigset_t) {
        var mask = previous
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    /// A held-back signal that has arrived, taken so that it is not delivered later; nil when none.
    static func takePending() -> Int32? {
        var pending = sigset_t()
        sigpending(&pending)
        for signal in [SIGINT, SIGTERM, SIGHUP] where sigismember(&pending, signal) == 1 {
            var one = sigset_t()
            sigemptyset(&one)
            sigaddset(&one, signal)
            var immediately = timespec(tv_sec: 0, tv_nsec: 0)
            if sigtimedwait(&one, nil, &immediately) == signal { return signal }
        }
        return nil
    }

    /// `SIGTERM` and friends by name, for messages.
    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT (Ctrl-C)"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP (hang-up)"
        default: "signal \(signal)"
        }
    }
}
