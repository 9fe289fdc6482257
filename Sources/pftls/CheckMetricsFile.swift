import ArgumentParser
import Glibc
import PftlsCore

/// `check --metrics-file FILE`: the check as Prometheus metrics, written beside whatever the
/// format prints so that one run (one set of probes) gives both, for node_exporter's textfile
/// collector. Written atomically (a temp file in the same directory, fsync, rename): a reader
/// sees the old file or the new one whole, never part of one; mode 0644.
struct CheckMetricsFile {
    /// Where the metrics go, absolute.
    let path: String

    /// The file at `path`, refused before anything is checked (exit 2) when `path` names a
    /// directory or its directory does not exist.
    static func checked(_ path: String) throws -> CheckMetricsFile {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            try fail(Catalog.text("check.metrics-file.is-directory", ["path": SafeText.escape(path)]))
        }
        let directory = AtomicFileWriter.split(path).directory
        if stat(directory, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            try fail(Catalog.text("check.metrics-file.no-directory", ["path": SafeText.escape(path), "directory": SafeText.escape(directory)]))
        }
        return CheckMetricsFile(path: path)
    }

    /// Writes `text` in place of the file; exit 2 when it cannot be written.
    func write(_ text: String) throws {
        do { try AtomicFileWriter().write(Array(text.utf8), to: path, mode: 0o644) } catch {
            try Self.fail(Catalog.text("check.metrics-file.failed", ["reason": error.description]))
        }
    }

    private static func fail(_ message: String) throws -> Never {
        StandardStreams.writeError(message + "\n")
        throw ExitCode(2)
    }
}
