import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One change at a time per Postfix configuration directory: an exclusive `flock` on
/// `DIR/.pftls.lock`, which holds the pid of its holder so a second run can say who
/// it waits for. The kernel drops the lock when its holder dies, however it dies.
final class ConfigLock {
    private let descriptor: Int32

    /// Why the lock could not be had.
    struct Busy: Error, CustomStringConvertible {
        let description: String
    }

    /// Takes the lock for `configDirectory`, waiting up to `wait` seconds for another holder.
    init(configDirectory: String, wait: TimeInterval) throws(Busy) {
        let path = configDirectory + "/.pftls.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw Busy(description: Catalog.text("apply.lock.cannotOpen", ["path": "\(SafeText.escape(path))", "reason": "\(String(cString: strerror(errno)))"]))
        }
        let end = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < end else {
                let holder = Self.holder(fd)
                close(fd)
                throw Busy(description: Catalog.text(holder == nil ? "apply.lock.busy" : "apply.lock.busyPid", ["pid": holder.map { "\($0)" } ?? "", "configDirectory": "\(SafeText.escape(configDirectory))", "seconds": "\(Int(wait))"]))
            }
            usleep(100_000)
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace())
    }
}
