#if canImport(Glibc)
import Glibc
#endif

/// Removes one old backup set (or key-copy set) from its root.
protocol BackupSetRemoving: Sendable {
    /// Removes the directory `name` in `root` and the files in it; nil when it is gone,
    /// else why it is not (it is then left as it was, when the reason was found before
    /// anything was removed).
    func remove(_ name: String, in root: String) -> String?
}

/// The real removal, through descriptors: the set is opened without following a link,
/// must be a directory of the user running pftls holding only regular files (all pftls
/// puts in one), and each file is unlinked inside it before the empty directory goes.
/// Nothing is followed and nothing below a subdirectory is ever touched.
struct BackupSetRemover: BackupSetRemoving {
    func remove(_ name: String, in root: String) -> String? {
        let rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return Self.reason(errno) }
        defer { close(rootDescriptor) }
        let descriptor = openat(rootDescriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return Self.reason(errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return Self.reason(errno)
        }
        guard info.st_uid == geteuid() else {
            close(descriptor)
            return Catalog.text("backup.retention.not-own", ["uid": "\(info.st_uid)"])
        }
        // fdopendir takes the descriptor over: closedir closes it.
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return Self.reason(errno)
        }
        defer { closedir(directory) }
        var files: [String] = []
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard entryName != "." && entryName != ".." else { continue }
            var entryInfo = stat()
            guard fstatat(descriptor, entryName, &entryInfo, AT_SYMLINK_NOFOLLOW) == 0 else { return Self.reason(errno) }
            guard entryInfo.st_mode & S_IFMT == S_IFREG else {
                return Catalog.text("backup.retention.foreign-entry", ["name": SafeText.escape(entryName)])
            }
            files.append(entryName)
        }
        for file in files where unlinkat(descriptor, file, 0) != 0 && errno != ENOENT {
            return Self.reason(errno)
        }
        guard unlinkat(rootDescriptor, name, AT_REMOVEDIR) == 0 else { return Self.reason(errno) }
        return nil
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
