import FoundationEssentials
import Glibc

/// Watches the mail log while pftls reloads and probes, so that a failed probe can be
/// explained in Postfix's own words ("fatal: no SASL authentication mechanisms",
/// "warning: cannot get RSA private key") instead of only what the client saw.
struct MailLogWatch {
    /// The log file, when one could be found and read.
    let path: String?
    /// Its size when the watch started: only later lines are quoted.
    let offset: Int

    /// Starts watching the log of the instance in `configDirectory`: its `maillog_file`
    /// when set, else the usual syslog files.
    static func start(configDirectory: String, processes: ProcessRunner) -> MailLogWatch {
        let configured = (try? processes.run("postconf", ["-c", configDirectory, "-h", "maillog_file"]))?.output
            .trimmingBlanks()
        let candidates = [configured].compactMap { $0 }.filter { $0.hasPrefix("/") } + ["/var/log/mail.log", "/var/log/maillog"]
        for candidate in candidates {
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, R_OK) == 0 {
                return MailLogWatch(path: candidate, offset: Int(info.st_size))
            }
        }
        return MailLogWatch(path: nil, offset: 0)
    }

    /// Up to `limit` distinct new lines that say why a server failed, fatal ones first,
    /// without date, host and process id.
    func reasons(limit: Int = 3) -> [String] {
        guard let path else { return [] }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var data = [UInt8](repeating: 0, count: 1 << 20)
        let count = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        data.removeSubrange(max(0, count)...)
        var seen = Set<String>()
        var lines: [(rank: Int, text: String)] = []
        for raw in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let start = raw.firstRange(of: "postfix") else { continue }
            var text = String(raw[start.lowerBound...])
            if let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]"), open < close {
                text.removeSubrange(open...close)
            }
            let rank: Int
            if text.contains(": fatal:") || text.contains(": panic:") { rank = 0 }
            else if text.contains(": error:") { rank = 1 }
            else if text.contains(": warning:") || text.contains("reject:") { rank = 2 }
            else { continue }
            if seen.insert(text).inserted { lines.append((rank, text)) }
        }
        return lines.sorted { $0.rank < $1.rank }.prefix(limit).map { SafeText.escape($0.text) }
    }

    /// " Postfix logged: ...", or "" when the log said nothing useful.
    var quote: String {
        let found = reasons()
        return found.isEmpty ? "" : Catalog.text("maillog.quote", ["lines": found.joined(separator: "; ")])
    }
}
