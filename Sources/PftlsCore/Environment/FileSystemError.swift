/// Why a file could not be read, with the errno kept for the message.
public enum FileSystemError: Error, Equatable, Sendable {
    /// ENOENT.
    case notFound(path: String)
    /// EACCES.
    case permissionDenied(path: String)
    case notRegularFile(path: String)
    case tooLarge(path: String, size: Int, limit: Int)
    /// ELOOP.
    case symbolicLink(path: String)
    /// Any other errno, with the call that failed.
    case system(path: String, operation: String, errno: Int32)

    /// A sentence naming the path and the cause.
    public var reason: String {
        switch self {
        case .notFound(let path): Catalog.text("file.missing", ["path": "\(SafeText.escape(path))"])
        case .permissionDenied(let path): Catalog.text("file.permissionDenied", ["path": "\(SafeText.escape(path))"])
        case .notRegularFile(let path): Catalog.text("file.notRegular", ["path": "\(SafeText.escape(path))"])
        case .tooLarge(let path, let size, let limit):
            Catalog.text("file.tooLarge", ["path": "\(SafeText.escape(path))", "size": "\(size)", "limit": "\(limit)"])
        case .symbolicLink(let path): Catalog.text("file.symbolicLink", ["path": "\(SafeText.escape(path))"])
        case .system(let path, let operation, let code):
            "\(operation) \(SafeText.escape(path)) failed: \(String(cString: strerror(code)))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
