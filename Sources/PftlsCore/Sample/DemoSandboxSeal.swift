import FoundationEssentials
import Glibc

/// What keeps `pftls demo`'s sandbox from reaching the real system, whichever
/// command is then run on it (the wizard, or a suggested `pftls apply --config-dir`).
///
/// A sandbox's configuration directory holds a marker file. A change there never
/// reloads, starts or stops a Postfix: its restore.sh only puts files back. Its
/// main.cf has its own queue, data directory and log file, so `postfix check`
/// (which creates and chowns directories under queue_directory and data_directory,
/// and logs its warnings) runs on it only when all three lie inside the sandbox.
public enum DemoSandboxSeal {
    /// The marker's name in the sandbox's configuration directory.
    public static let markerName = "pftls-demo-sandbox"

    /// True when `configDirectory` is a demo sandbox's (it holds the marker).
    public static func isSealed(_ configDirectory: String) -> Bool {
        var info = stat()
        return lstat(configDirectory + "/" + markerName, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Marks `configDirectory` as a demo sandbox's.
    static func seal(_ configDirectory: String, writer: AtomicFileWriter) throws(AtomicFileWriter.Failure) {
        let note = "pftls demo sandbox: pftls never reloads, starts or stops a Postfix for this configuration.\n"
        try writer.write(Array(note.utf8), to: configDirectory + "/" + markerName, mode: 0o644)
    }

    /// True when `postfix check` may run on `configDirectory`: always for a real
    /// configuration, for a sandbox only when it stays inside it (`postfixCheckStaysInside`).
    public static func allowsPostfixCheck(_ configDirectory: String, processes: ProcessRunner) -> Bool {
        !isSealed(configDirectory) || postfixCheckStaysInside(configDirectory, processes: processes)
    }

    /// True when `postfix check` on the sandbox configuration in `configDirectory` can touch
    /// nothing outside the sandbox (the directory above it): pftls runs as root (Postfix
    /// refuses anyone else), and queue_directory, data_directory and maillog_file's
    /// directory exist inside the sandbox. An empty maillog_file logs to the system's log.
    public static func postfixCheckStaysInside(_ configDirectory: String, processes: ProcessRunner) -> Bool {
        guard getuid() == 0, let root = resolved(AtomicFileWriter.split(configDirectory).directory), root != "/",
              let result = try? processes.run("postconf", ["-c", configDirectory, "-h", "queue_directory", "data_directory", "maillog_file"]),
              result.status == 0 else { return false }
        let values = result.output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        guard values.count >= 3, !values[2].isEmpty else { return false }
        let directories = [values[0], values[1], AtomicFileWriter.split(values[2]).directory]
        return directories.allSatisfy { directory in
            resolved(directory).map { $0 == root || $0.hasPrefix(root + "/") } ?? false
        }
    }

    private static func resolved(_ path: String) -> String? {
        guard path.hasPrefix("/"), let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
