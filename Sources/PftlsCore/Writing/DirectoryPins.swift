#if canImport(Glibc)
import Glibc
import CSystemShim
#endif

/// The directories an apply writes into, opened once right before the writes and
/// checked through the open descriptor; every write then goes through that
/// descriptor. A directory swapped or loosened after the plan's safety check is
/// caught here, and a swap after this point cannot redirect a write.
public final class DirectoryPins: Sendable {
    private let descriptors: [String: Int32]

    /// Opens and checks each of `directories`: it must be a directory (the last
    /// component not a symbolic link), owned by root or by the user running pftls, and
    /// not writable by group or others; so must every directory above it, up to /, except
    /// that one may be root's with the sticky bit (/tmp). A user who could change a
    /// directory above could move this one aside and put their own in its place.
    public init(_ directories: Set<String>) throws(AtomicFileWriter.Failure) {
        var opened: [String: Int32] = [:]
        for directory in directories.sorted() {
            let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                opened.values.forEach { close($0) }
                throw AtomicFileWriter.Failure(path: directory, reason: Catalog.text("write.directory.cannotOpen", ["reason": "\(reason)"]))
            }
            opened[directory] = descriptor
            if let problem = Self.problem(descriptor).map({ Catalog.text("write.directory.changed", ["problem": $0]) }) ?? Self.problemAbove(descriptor) {
                opened.values.forEach { close($0) }
                throw AtomicFileWriter.Failure(path: directory, reason: problem)
            }
        }
        descriptors = opened
    }

    deinit { descriptors.values.forEach { close($0) } }

    /// The pinned descriptor of `directory`, if it is one of the pinned directories.
    func descriptor(for directory: String) -> Int32? { descriptors[directory] }

    /// Why the directory at `path` could be changed by a user other than root (or the one
    /// running pftls): it is a link or not a directory, it or a directory it really lies in
    /// (walked through `..`, whatever links the path went through) is another user's or
    /// open to writing. nil when it is safe.
    public static func problem(at path: String) -> String? {
        let descriptor = pftls_open_location(AT_FDCWD, path, O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return Catalog.text("write.directory.cannotOpen", ["reason": String(cString: strerror(errno))]) }
        defer { close(descriptor) }
        return problem(descriptor) ?? problemAbove(descriptor)
    }

    /// The first directory above `descriptor`'s, walked through `..` (the directories it
    /// really lies in, whatever path named it), that another user owns or may write to.
    private static func problemAbove(_ descriptor: Int32) -> String? {
        var below = stat()
        guard fstat(descriptor, &below) == 0 else { return Catalog.text("write.directory.cannotStat", ["reason": "\(String(cString: strerror(errno)))"]) }
        var current = dup(descriptor)
        defer { close(current) }
        while true {
            let parent = pftls_open_location(current, "..", O_DIRECTORY | O_CLOEXEC)
            guard parent >= 0 else { return Catalog.text("write.directory.cannotStat", ["reason": "\(String(cString: strerror(errno)))"]) }
            close(current)
            current = parent
            var info = stat()
            guard fstat(parent, &info) == 0 else { return Catalog.text("write.directory.cannotStat", ["reason": "\(String(cString: strerror(errno)))"]) }
            // At / (and at the root of a chroot), .. is the directory itself.
            if info.st_dev == below.st_dev && info.st_ino == below.st_ino { return nil }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            let stickyRoot = info.st_uid == 0 && info.st_mode & S_ISVTX != 0
            if info.st_uid != 0 && info.st_uid != geteuid() || info.st_mode & 0o022 != 0 && !stickyRoot {
                return Catalog.text("write.directory.parent-unsafe", ["parent": SafeText.escape(path(of: parent) ?? "?"), "uid": "\(info.st_uid)", "mode": mode])
            }
            below = info
        }
    }

    /// The path the kernel knows an open directory by (`/proc/self/fd/N`).
    private static func path(of descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func problem(_ descriptor: Int32) -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return Catalog.text("write.directory.cannotStat", ["reason": "\(String(cString: strerror(errno)))"]) }
        if info.st_uid != 0 && info.st_uid != geteuid() { return Catalog.text("write.directory.notRootOwned", ["uid": "\(info.st_uid)"]) }
        if info.st_mode & 0o022 != 0 { return Catalog.text("write.directory.writableByOthers", ["mode": "\(String(info.st_mode & 0o7777, radix: 8))"]) }
        return nil
    }
}
