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
    /// False for copies that are read once and removed (the staged check's): their files
    /// and directory are not synced to disk, which costs milliseconds and protects nothing.
    let synced: Bool

    /// Creates a writer; with `pins`, writes into a pinned directory use its descriptor.
    /// `synced` false skips fsync, for throwaway copies only.
    public init(pins: DirectoryPins? = nil, synced: Bool = true) {
        self.pins = pins
        self.synced = synced
    }

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
        try stage(bytes, to: destination, mode: mode, owner: owner, replacing: replacing).commit()
    }

    /// Writes `bytes` into a complete, synced temp file beside `destination`, and leaves
    /// the destination untouched until `commit()`: a set of files can be staged first
    /// and renamed into place only once every one of them was written (renames need no
    /// disk space).
    public func stage(_ bytes: UnsafeRawBufferPointer, to destination: String, mode: mode_t,
                      owner: (uid: uid_t, gid: gid_t)? = nil, replacing: Bool = true) throws(Failure) -> StagedFile {
        let (directory, name) = Self.split(destination)
        let pinned = pins?.descriptor(for: directory)
        let directoryDescriptor = pinned ?? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure(directory, Catalog.text("write.cannotOpenDirectory")) }
        let staged = StagedFile(directoryDescriptor: directoryDescriptor, ownsDescriptor: pinned == nil, name: name, destination: destination,
                                temporary: Self.temporaryPrefix + String(UInt64.random(in: 0...UInt64.max), radix: 36) + Self.temporarySuffix,
                                replacing: replacing, synced: synced)
        var info = stat()
        if fstatat(directoryDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw Failure(path: destination, reason: Catalog.text("write.symbolicLink"))
            }
            if info.st_mode & S_IFMT != S_IFREG {
                throw Failure(path: destination, reason: Catalog.text("write.notRegular"))
            }
            if !replacing { throw Self.exists(destination) }
        }
        let temporary = staged.temporary
        // Preferably an unnamed O_TMPFILE inode: if the process is killed while
        // writing, no file with partial (key) content is left behind. Where the file
        // system lacks O_TMPFILE, a named temp file with O_CREAT|O_EXCL|O_NOFOLLOW.
        var anonymous = true
        var descriptor = openat(directoryDescriptor, ".", O_WRONLY | Self.O_TMPFILE_FLAG | O_CLOEXEC, mode)
        if descriptor < 0 {
            anonymous = false
            descriptor = openat(directoryDescriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        guard descriptor >= 0 else { throw failure(destination, Catalog.text("write.cannotCreateTemp")) }
        staged.named = !anonymous
        // An unnamed file stays open, and gets its name only at commit.
        if anonymous { staged.unnamedDescriptor = descriptor }
        defer { if !anonymous { close(descriptor) } }
        // umask may have taken bits away; never add any beyond `mode`.
        guard fchmod(descriptor, mode) == 0 else { throw failure(destination, Catalog.text("write.cannotSetMode")) }
        if let owner, fchown(descriptor, owner.uid, owner.gid) != 0 { throw failure(destination, Catalog.text("write.cannotSetOwner")) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 { if errno == EINTR { continue }; throw failure(destination, Catalog.text("write.writeFailed")) }
            offset += written
        }
        guard !synced || fsync(descriptor) == 0 else { throw failure(destination, Catalog.text("write.fsyncFailed")) }
        return staged
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

    /// Stages a byte array (see `stage(_:to:mode:owner:)`).
    public func stage(_ bytes: [UInt8], to destination: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)? = nil) throws(Failure) -> StagedFile {
        let result: Result<StagedFile, Failure> = bytes.withUnsafeBytes { raw in
            Result { () throws(Failure) in try stage(raw, to: destination, mode: mode, owner: owner) }
        }
        return try result.get()
    }

    /// Stages secret bytes (see `stage(_:to:mode:owner:)`).
    public func stage(_ secret: SecretBytes, to destination: String, mode: mode_t = 0o600, owner: (uid: uid_t, gid: gid_t)? = nil) throws(Failure) -> StagedFile {
        let result: Result<StagedFile, Failure> = secret.withUnsafeBytes { raw in
            Result { () throws(Failure) in try stage(raw, to: destination, mode: mode, owner: owner) }
        }
        return try result.get()
    }

    /// Splits a path into its directory ("." when none) and last component.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    static func exists(_ path: String) -> Failure {
        Failure(path: path, reason: Catalog.text("writer.exists"), alreadyExists: true)
    }

    private func failure(_ path: String, _ what: String) -> Failure {
        Self.failure(path, what)
    }

    static func failure(_ path: String, _ what: String) -> Failure {
        Failure(path: path, reason: Catalog.text("writer.failed-because", ["what": what, "error": String(cString: strerror(errno))]))
    }
}

/// A complete temp file beside its destination, not yet renamed into place. One that
/// is never committed is removed again.
public final class StagedFile {
    let directoryDescriptor: Int32
    let ownsDescriptor: Bool
    let name: String
    /// Where `commit()` puts the file.
    public let destination: String
    let temporary: String
    var named = false
    /// The open O_TMPFILE inode, named only at commit (-1 for a named temp file).
    var unnamedDescriptor: Int32 = -1
    private var committed = false

    /// False for a file that must never replace another (a new key): it is linked to its name.
    let replacing: Bool
    /// False when the directory is not synced after the rename (`AtomicFileWriter.synced`).
    let synced: Bool

    init(directoryDescriptor: Int32, ownsDescriptor: Bool, name: String, destination: String, temporary: String, replacing: Bool,
         synced: Bool = true) {
        self.synced = synced
        self.directoryDescriptor = directoryDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.name = name
        self.destination = destination
        self.temporary = temporary
        self.replacing = replacing
    }

    /// Renames the temp file over the destination and syncs the directory. An unnamed
    /// temp file gets its name only now: a run killed before this leaves no file behind,
    /// and a new file is linked straight to its own name, with no temp name at all.
    public func commit() throws(AtomicFileWriter.Failure) {
        if unnamedDescriptor >= 0 {
            defer {
                close(unnamedDescriptor)
                unnamedDescriptor = -1
            }
            let source = "/proc/self/fd/\(unnamedDescriptor)"
            if linkat(AT_FDCWD, source, directoryDescriptor, name, AT_SYMLINK_FOLLOW) == 0 {
                committed = true
                syncDirectory()
                return
            }
            if errno == EEXIST && !replacing { throw AtomicFileWriter.exists(destination) }
            guard errno == EEXIST, linkat(AT_FDCWD, source, directoryDescriptor, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                throw AtomicFileWriter.failure(destination, Catalog.text("write.cannotLink"))
            }
            named = true
        }
        if !replacing {
            // link(2) never replaces: the name is the first writer's, or this one fails.
            guard linkat(directoryDescriptor, temporary, directoryDescriptor, name, 0) == 0 else {
                if errno == EEXIST { throw AtomicFileWriter.exists(destination) }
                throw AtomicFileWriter.failure(destination, Catalog.text("write.cannotLink"))
            }
            unlinkat(directoryDescriptor, temporary, 0)
            named = false
            committed = true
            syncDirectory()
            return
        }
        guard renameat(directoryDescriptor, temporary, directoryDescriptor, name) == 0 else {
            throw AtomicFileWriter.failure(destination, Catalog.text("write.renameFailed"))
        }
        committed = true
        syncDirectory()
    }

    private func syncDirectory() {
        if synced { fsync(directoryDescriptor) }
    }

    deinit {
        if unnamedDescriptor >= 0 { close(unnamedDescriptor) }
        if !committed && named { unlinkat(directoryDescriptor, temporary, 0) }
        if ownsDescriptor { close(directoryDescriptor) }
    }
}
