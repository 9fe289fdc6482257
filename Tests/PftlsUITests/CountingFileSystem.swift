import Foundation
import PftlsCore
import Synchronization

/// The real file system, counting how often each file is read: the proof that a command
/// opens main.cf and master.cf once.
final class CountingFileSystem: FileSystem {
    private let files = LocalFileSystem()
    private let reads = Mutex<[String: Int]>([:])

    /// How many times `path` was read.
    func reads(of path: String) -> Int { reads.withLock { $0[path] ?? 0 } }

    func readFile(_ path: String, limit: Int) throws(FileSystemError) -> [UInt8] {
        reads.withLock { $0[path, default: 0] += 1 }
        return try files.readFile(path, limit: limit)
    }

    func status(of path: String) throws(FileSystemError) -> FileStatus? { try files.status(of: path) }
    func statusFollowingLinks(of path: String) throws(FileSystemError) -> FileStatus? { try files.statusFollowingLinks(of: path) }
    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] { try files.contentsOfDirectory(path) }
    func resolvedPath(_ path: String) -> String? { files.resolvedPath(path) }
}
