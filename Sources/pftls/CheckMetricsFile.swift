import Glibc
import PftlsCore

/// `check --metrics-file FILE`: the check as Prometheus metrics, written beside whatever the
/// format prints so that one run (one set of probes) gives both, for node_exporter's textfile
/// collector. Written atomically (a temp file in the same directory, fsync, rename): a reader
/// sees the old file or the new one whole, never part of one; mode 0644.
///
/// A file that cannot be written is a finding of the check itself (`metrics-file-failed`, a
/// warning), never an exit of its own: the check's verdict and report still come out, so the
/// timer mails what is wrong instead of a bare exit status.
struct CheckMetricsFile {
    /// Where the metrics go, absolute.
    let path: String

    /// Writes `text` in place of the file; the finding when it cannot (`path` names a
    /// directory, its directory is missing, or the write fails).
    func write(_ text: String) -> Finding? {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return Self.finding(path, Catalog.text("check.metrics-file.is-directory", ["path": SafeText.escape(path)]))
        }
        let directory = AtomicFileWriter.split(path).directory
        if stat(directory, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            return Self.finding(path, Catalog.text("check.metrics-file.no-directory", ["path": SafeText.escape(path), "directory": SafeText.escape(directory)]))
        }
        do { try AtomicFileWriter().write(Array(text.utf8), to: path, mode: 0o644) } catch {
            return Self.finding(path, Catalog.text("check.metrics-file.failed", ["path": SafeText.escape(path), "reason": error.description]))
        }
        return nil
    }

    private static func finding(_ path: String, _ message: String) -> Finding {
        Finding(.metricsFileFailed, .warning, file: path, message: message, hint: Catalog.text("check.metrics-file.hint"))
    }
}

extension FindingCode {
    /// `check --metrics-file` could not write its file: the metrics there are stale or missing.
    static let metricsFileFailed: FindingCode = "metrics-file-failed"
}
