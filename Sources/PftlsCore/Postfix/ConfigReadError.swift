#if canImport(Glibc)
import Glibc
#endif

/// Why main.cf or master.cf could not be read: a stable code that tests and scripts
/// compare, the file, the errno and the failing call when the system refused, and a
/// reason and a fix for people. The one wording of "cannot read main.cf".
public struct ConfigReadError: CodedError, Equatable, Sendable {
    /// The stable code of a read failure, printed as `config-not-found` and so on.
    /// New codes may be added; a code is never renamed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case notFound = "config-not-found"
            case permissionDenied = "config-permission-denied"
            case notRegularFile = "config-not-regular-file"
            case tooLarge = "config-too-large"
            case readFailed = "config-read-failed"
        }

        fileprivate let backing: Backing

        /// The file, or a directory on its path, does not exist (ENOENT, ENOTDIR).
        public static let notFound = Code(backing: .notFound)
        /// The system refused to open the file (EACCES, EPERM).
        public static let permissionDenied = Code(backing: .permissionDenied)
        /// The path names a directory or a device, not a file (EISDIR, or `fstat` says so).
        public static let notRegularFile = Code(backing: .notRegularFile)
        /// The file is larger than pftls reads.
        public static let tooLarge = Code(backing: .tooLarge)
        /// Any other failure of the system (EIO, ELOOP, ...).
        public static let readFailed = Code(backing: .readFailed)

        /// The code as printed.
        public var description: String { backing.rawValue }
    }

    /// What went wrong, as a code.
    public let code: Code
    /// The file that could not be read.
    public let path: String
    /// The errno, when the system refused.
    public let errorNumber: Int32?
    /// The call that failed (`open`, `read`, `lstat`), when the system refused.
    public let call: String?
    /// The cause when it is not the system's (a directory, a file too large), said in full.
    private let cause: String?

    /// The error for `failure`, met while `call` was made on `path` (a `.system` failure
    /// names its own call). A missing file is ENOENT, a refused one EACCES, a loop of
    /// symbolic links ELOOP: what `LocalFileSystem` makes of those errno values.
    public init(path: String, failure: FileSystemError, call: String) {
        self.path = path
        switch failure {
        case .notFound: (code, errorNumber, self.call, cause) = (.notFound, ENOENT, call, nil)
        case .permissionDenied: (code, errorNumber, self.call, cause) = (.permissionDenied, EACCES, call, nil)
        case .symbolicLink: (code, errorNumber, self.call, cause) = (.readFailed, ELOOP, call, nil)
        case .system(_, let operation, let number):
            (errorNumber, self.call, cause) = (number, operation, nil)
            code = switch number {
            case ENOENT, ENOTDIR: .notFound
            case EACCES, EPERM: .permissionDenied
            case EISDIR: .notRegularFile
            default: .readFailed
            }
        case .notRegularFile:
            (code, errorNumber, self.call, cause) = (.notRegularFile, nil, nil, Catalog.text("config-read.not-regular-file"))
        case .tooLarge(_, let size, let limit):
            (code, errorNumber, self.call, cause) = (.tooLarge, nil, nil,
                                                    Catalog.text("config-read.too-large", ["size": "\(size)", "limit": "\(limit)"]))
        }
    }

    /// "cannot read /etc/postfix/main.cf: No such file or directory (open)".
    public var reason: String {
        let why = cause ?? errorNumber.map { number in
            Catalog.text("config-read.system", ["error": String(cString: strerror(number)), "call": call ?? "open"])
        } ?? ""
        return Catalog.text("config-read.cannot-read", ["path": SafeText.escape(path), "reason": why])
    }

    /// What to do about it.
    public var hint: String {
        switch code {
        case .notFound, .notRegularFile: Catalog.text("config-read.hint.location")
        case .permissionDenied: Catalog.text("config-read.hint.permission")
        default: Catalog.text("config-read.hint.check")
        }
    }

    /// The finding `check` and the plan report: `unreadable`, as for any file that cannot be read.
    public var finding: Finding {
        Finding(.unreadable, .error, file: path, message: reason, hint: hint)
    }
}
