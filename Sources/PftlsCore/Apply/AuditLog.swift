import FoundationEssentials
import Glibc

/// One line per change, beside the backups. Never holds secrets: file paths,
/// purposes and modes only.
struct AuditLog {
    let path: String
    let clock: WallClock

    func record(_ line: String) {
        let text = "\(UTCTimestamp.format(clock.now)) \(SafeText.escape(line))\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
    }
}
