#if canImport(Glibc)
import Glibc
#endif

/// Holds SIGINT, SIGTERM and SIGHUP back while a set of files is replaced, so
/// Ctrl-C or a dropped SSH session cannot stop the commit half-way.
enum SignalBlocker {
    /// Runs `body` with the signals blocked; pending ones are delivered afterwards.
    static func withSignalsBlocked<R>(_ body: () throws -> R) rethrows -> R {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
