#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls.
public struct LocalFileSystem: FileSystem {
    /// Creates the real file system.
    public init() {}

    public func status(of path: String) throws(FileSystemError) -> FileStatus? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return try missingOrError(path, "lstat") }
        return FileStatus(info)
    }

    public func statusFollowingLinks(of path: String) throws(FileSystemError) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return try missingOrError(path, "stat") }
        return FileStatus(info)
    }

    public func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func readFile(_ path: String, limit: Int) throws(FileSystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Self.error(path, "open", errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error(path, "fstat", errno) }
        guard FileStatus(info).kind == .regular else { throw .notRegularFile(path: path) }
        guard Int(info.st_size) <= limit else {
            throw .tooLarge(path: path, size: Int(info.st_size), limit: limit)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        // Room for the whole file and one byte more (to see its end) in the first read,
        // never more than 64 KiB: thousands of small chain files are read one after another.
        var chunk = [UInt8](repeating: 0, count: min(65_536, Int(info.st_size) + 1))
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error(path, "read", errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            // The file may have grown since fstat: never hold more than the limit.
            if bytes.count > limit { throw .tooLarge(path: path, size: bytes.count, limit: limit) }
        }
        return bytes
    }

    public func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else { throw Self.error(path, "opendir", errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func missingOrError(_ path: String, _ operation: String) throws(FileSystemError) -> FileStatus? {
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw Self.error(path, operation, errno)
    }

    /// The error for errno `code`: ENOENT, EACCES and ELOOP have cases of their own; any
    /// other errno (ENOTDIR and EPERM among them) is kept with the call that failed.
    static func error(_ path: String, _ operation: String, _ code: Int32) -> FileSystemError {
        switch code {
        case ENOENT: .notFound(path: path)
        case EACCES: .permissionDenied(path: path)
        case ELOOP: .symbolicLink(path: path)
        default: .system(path: path, operation: operation, errno: code)
        }
    }
}

extension FileStatus {
    init(_ info: stat) {
        let kind: Kind = switch info.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
        let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                                changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        self.init(kind: kind, size: Int(info.st_size), permissions: UInt32(info.st_mode & 0o7777),
                  ownerID: info.st_uid, groupID: info.st_gid, identity: identity)
    }
}
