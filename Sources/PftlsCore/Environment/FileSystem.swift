/// The file-system operations the core needs, passed in so tests can stand in.
public protocol FileSystem: Sendable {
    /// `lstat` of a path; nil when it does not exist.
    func status(of path: String) throws(FileSystemError) -> FileStatus?
    /// `stat` of a path, following symbolic links; nil when it does not exist.
    func statusFollowingLinks(of path: String) throws(FileSystemError) -> FileStatus?
    /// Reads a whole regular file, refusing anything larger than `limit` bytes
    /// before reading it.
    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> [UInt8]
    /// Names in a directory, without `.` and `..`.
    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The path with every symbolic link resolved (`realpath`); nil when it cannot be.
    func resolvedPath(_ path: String) -> String?
}
