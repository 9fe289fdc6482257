/// Why a file could not be read, with the errno kept for the message.
public enum FileSystemError: Error, Equatable, Sendable {
    case notFound(path: String)
    case permissionDenied(path: String)
    case notRegularFile(path: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case symbolicLink(path: String)
    case system(path: String, operation: String, errno: Int32)

    /// A sentence naming the path and the cause.
    public var reason: String {
        switch self {
        case .notFound(let path): "\(SafeText.escape(path)) does not exist"
        case .permissionDenied(let path): "\(SafeText.escape(path)) cannot be read: permission denied"
        case .notRegularFile(let path): "\(SafeText.escape(path)) is not a regular file"
        case .tooLarge(let path, let size, let limit):
            "\(SafeText.escape(path)) is \(size) bytes, over the limit of \(limit) bytes"
        case .symbolicLink(let path): "\(SafeText.escape(path)) is a symbolic link"
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
