#if canImport(Glibc)
import Glibc
#endif

/// Writes a plan's whole config set (main.cf, master.cf and the key and
/// certificate files) into a directory of the administrator's choosing,
/// without touching the live configuration.
public enum ConfigSetExport {
    /// Creates `directory` (0700) if needed and writes every planned file into it
    /// under its own name, keeping each file's mode (key files 0600).
    public static func write(_ plan: ChangePlan, to directory: String) throws(AtomicFileWriter.Failure) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw AtomicFileWriter.Failure(path: directory, reason: Catalog.text("export.cannotCreateDirectory", ["reason": "\(String(cString: strerror(errno)))"]))
        }
        let writer = AtomicFileWriter()
        for file in plan.files {
            let name = AtomicFileWriter.split(file.path).name
            try file.write(using: writer, to: directory + "/" + name)
        }
    }
}
