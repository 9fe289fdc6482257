import FoundationEssentials
import Glibc

/// Makes `--config-dir` absolute when it is read: `postfix -c` refuses a relative
/// directory (after a one-second sleep), and pftls hands the directory to Postfix.
enum AbsolutePath {
    /// `path` against the current directory, unless it starts with `/`.
    static func of(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }
}
