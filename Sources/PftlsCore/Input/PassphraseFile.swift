#if canImport(Glibc)
import Glibc
#endif

/// Reads a passphrase from a file straight into wiped memory.
///
/// The first line is the passphrase; its line end (LF or CR LF) is dropped.
public enum PassphraseFile {
    /// Longest passphrase file accepted.
    public static let limit = 4096

    /// Reads `path`; the error never contains the file's content.
    public static func read(_ path: String) throws(FileSystemError) -> SecretBytes {
        // O_NONBLOCK: opening a FIFO that nobody writes to must not hang; only regular files are read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw LocalFileSystem.error(path, "open", errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LocalFileSystem.error(path, "fstat", errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }
        guard Int(info.st_size) <= limit else { throw .tooLarge(path: path, size: Int(info.st_size), limit: limit) }
        let scratch = SecretBytes(count: limit) { _ in }
        var total = 0
        let failure: Int32 = scratch.withUnsafeBytes { raw in
            let base = UnsafeMutableRawPointer(mutating: raw.baseAddress!)
            while total < limit {
                let count = Glibc.read(descriptor, base + total, limit - total)
                if count < 0 { if errno == EINTR { continue }; return errno }
                if count == 0 { break }
                total += count
            }
            return 0
        }
        if failure != 0 { throw LocalFileSystem.error(path, "read", failure) }
        return scratch.withUnsafeBytes { raw in
            var length = total
            if let newline = raw[0..<total].firstIndex(of: 0x0A) { length = newline }
            if length > 0 && raw[length - 1] == 0x0D { length -= 1 }
            return SecretBytes(copying: UnsafeRawBufferPointer(rebasing: raw[0..<length]))
        }
    }
}
