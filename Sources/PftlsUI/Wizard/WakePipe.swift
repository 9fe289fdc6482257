#if canImport(Glibc)
import Glibc
#endif

/// A pipe that background work writes a byte to when it has produced events, so the
/// UI thread can sleep in `poll()` on the terminal and this pipe together: no timed
/// wake-ups while idle.
public final class WakePipe: @unchecked Sendable {
    /// The end to poll for reading.
    public let readEnd: Int32
    private let writeEnd: Int32

    /// Opens the pipe, both ends non-blocking and close-on-exec; nil when the system refuses.
    public init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the poller; a full pipe already means "wake up", so a failed write is fine.
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
