#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see the whole old file or the whole new one,
/// never a mix, and key material never sits with loose permissions.
///
/// The new content goes to a temp file in the destination's own directory with
/// its final mode from the first byte: an unnamed `O_TMPFILE` inode that gets a
/// name only when complete, or where that is unsupported a file created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW`. Then fsync, rename over the destination, and
/// fsync of the directory. The temp file's name is short and random (never longer than
/// NAME_MAX, whatever the destination's name). A file that must never replace another
/// (a new key) is linked to its name instead of renamed over it: if the name was taken
/// meanwhile, nothing is replaced and the write fails.
/// A symbolic link at the destination is refused.
public struct AtomicFileWriter: Sendable {
    /// Prefix of the temp files, so leftovers of a killed run can be recognised.
    public static let temporaryPrefix = ".pftls-"
    /// Suffix of the temp files.
    public static let temporarySuffix = ".tmp"

    /// Why writing failed; nothing at the destination changed.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        /// True when the destination was not to be replaced and exists.
        public var alreadyExists = false
        public var description: String { "\(SafeText.escape(path)): \(reason)" }
    }

    /// Directories opened and checked once; writes into them go through their descriptors.
    let pins: DirectoryPins?

    /// Creates a writer; with `pins`, writes into a pinned directory use its descriptor.
    public init(pins: DirectoryPins? = nil) { self.pins = pins }

    /// Linux's O_TMPFILE (__O_TMPFILE | O_DIRECTORY), which Glibc's Swift overlay does not export.
    static let O_TMPFILE_FLAG: Int32 = 0o20000000 | O_DIRECTORY

    /// Removes temp files that a killed pftls left in `directory`; returns their names.
    @discardableResult
    public static func removeStaleTemporaryFiles(in directory: String) -> [String] {
        guard let names = try? LocalFileSystem().contentsOfDirectory(directory) else { return [] }
        let stale = names.filter { $0.hasPrefix(temporaryPrefix) && $0.hasSuffix(temporarySuffix) }
        for name in stale { unlink(directory + "/" + name) }
        return stale
    }

    /// Writes `bytes` to `destination` with `mode`, owned by `owner` when given. With
    /// `replacing` false, an existing destination is left alone and the write fails
    /// (`alreadyExists`), even one that appears while the file is written.
    public func write(_ bytes: UnsafeRawBufferPointer, to destination: String, mode: mode_t,
                      owner: (uid: uid_t, gid: gid_t)? = nil, replacing: Bool = true) throws(Failure) {
        let (directory, name) = Self.split(destination)
        let pinned = pins?.descriptor(for: directory)
        let directoryDescriptor = pinned ?? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure(directory, Catalog.text("AtomicFileWriter.text")) }
        defer { if pinned == nil { close(directoryDescriptor) } }
        var info = stat()
        if fstatat(directoryDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw Failure(path: destination, reason: Catalog.text("AtomicFileWriter.text2"))
            }
            if info.st_mode & S_IFMT != S_IFREG {
                throw Failure(path: destination, reason: Catalog.text("AtomicFileWriter.text3"))
            }
            if !replacing { throw exists(destination) }
        }

        let temporary = Self.temporaryPrefix + String(UInt64.random(in: 0...UInt64.max), radix: 36) + Self.temporarySuffix
        // Preferably an unnamed O_TMPFILE inode: if the process is killed while
        // writing, no file with partial (key) content is left behind. Where the file
        // system lacks O_TMPFILE, a named temp file with O_CREAT|O_EXCL|O_NOFOLLOW.
        var anonymous = true
        var descriptor = openat(directoryDescriptor, ".", O_WRONLY | Self.O_TMPFILE_FLAG | O_CLOEXEC, mode)
        if descriptor < 0 {
            anonymous = false
            descriptor = openat(directoryDescriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        guard descriptor >= 0 else { throw failure(destination, Catalog.text("AtomicFileWriter.text4")) }
        var committed = false
        var named = !anonymous
        defer { if !committed && named { unlinkat(directoryDescriptor, temporary, 0) } }
        do {
            defer { close(descriptor) }
            // umask may have taken bits away; never add any beyond `mode`.
            guard fchmod(descriptor, mode) == 0 else { throw failure(destination, Catalog.text("AtomicFileWriter.text5")) }
            if let owner, fchown(descriptor, owner.uid, owner.gid) != 0 { throw failure(destination, Catalog.text("AtomicFileWriter.text6")) }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; throw failure(destination, Catalog.text("AtomicFileWriter.text7")) }
                offset += written
            }
            guard fsync(descriptor) == 0 else { throw failure(destination, Catalog.text("AtomicFileWriter.text8")) }
            if anonymous {
                // Give the finished inode a name only now, right before the rename.
                guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", directoryDescriptor, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                    throw failure(destination, Catalog.text("AtomicFileWriter.text9"))
                }
                named = true
            }
        }
        if replacing {
            guard renameat(directoryDescriptor, temporary, directoryDescriptor, name) == 0 else {
                throw failure(destination, Catalog.text("AtomicFileWriter.text10"))
            }
        } else {
            // link(2) never replaces: the name is the first writer's, or this one fails.
            guard linkat(directoryDescriptor, temporary, directoryDescriptor, name, 0) == 0 else {
                if errno == EEXIST { throw exists(destination) }
                throw failure(destination, Catalog.text("AtomicFileWriter.text9"))
            }
            unlinkat(directoryDescriptor, temporary, 0)
        }
        committed = true
        fsync(directoryDescriptor)
    }

    /// Writes a byte array.
    public func write(_ bytes: [UInt8], to destination: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)? = nil,
                      replacing: Bool = true) throws(Failure) {
        let result: Result<Void, Failure> = bytes.withUnsafeBytes { raw in
            Result { () throws(Failure) in try write(raw, to: destination, mode: mode, owner: owner, replacing: replacing) }
        }
        try result.get()
    }

    /// Writes secret bytes (mode 0600 unless told otherwise).
    public func write(_ secret: SecretBytes, to destination: String, mode: mode_t = 0o600, owner: (uid: uid_t, gid: gid_t)? = nil,
                      replacing: Bool = true) throws(Failure) {
        let result: Result<Void, Failure> = secret.withUnsafeBytes { raw in
            Result { () throws(Failure) in try write(raw, to: destination, mode: mode, owner: owner, replacing: replacing) }
        }
        try result.get()
    }

    /// Splits a path into its directory ("." when none) and last component.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private func exists(_ path: String) -> Failure {
        Failure(path: path, reason: Catalog.text("writer.exists"), alreadyExists: true)
    }

    private func failure(_ path: String, _ what: String) -> Failure {
        Failure(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
