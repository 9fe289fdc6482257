import FoundationEssentials
import Glibc

/// The deploy ledger: `ledger.jsonl` in pftls' state directory (`/var/lib/pftls`), one
/// JSON line per apply, renew or wizard run (`DeployRecord`). Root's record of what was
/// installed from where, so that `check` can tell a renewal that reached the disk but was
/// never deployed (`renewal-not-deployed`).
///
/// The directory is 0700 and the file 0600, both owned by the user running pftls and
/// writable by nobody else; neither is followed through a symbolic link. Appends hold an
/// exclusive `flock` on the file (two configuration directories may be changed at once);
/// the last `recordsKept` records of each configuration directory are kept.
public struct DeployLedger: Sendable {
    /// The state directory.
    public let directory: String
    /// Records kept per configuration directory.
    public var recordsKept = 200

    /// The state directory when neither `--state-dir` nor `PFTLS_STATE_DIR` names one.
    public static let defaultDirectory = "/var/lib/pftls"
    /// The ledger's file name in the state directory.
    public static let fileName = "ledger.jsonl"
    /// At most this much of the file is read: the newest part.
    static let readLimit = 16 << 20
    /// A longer line is no record pftls wrote: it is skipped. An apply's record of thousands
    /// of SNI entries stays well below it.
    static let lineLimit = 8 << 20

    /// Why the ledger could not be used, naming the file or directory.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
        /// True when there is no ledger to read, or the user running pftls may not read it.
        var isAbsent = false
    }

    /// The ledger in `directory`.
    public init(directory: String) {
        self.directory = DirectoryKey.of(directory)
    }

    /// The ledger file's path.
    public var path: String { directory + "/" + Self.fileName }

    /// The ledger a run records to: `option` (`--state-dir`), else `PFTLS_STATE_DIR`, else the
    /// default directory when pftls runs as root (the ledger is root's record; another user's
    /// run records only where it is told to).
    public static func resolve(option: String?, environment: (String) -> String? = ProcessEnvironment.value,
                               isRoot: Bool = geteuid() == 0) -> DeployLedger? {
        if let option, !option.isEmpty { return DeployLedger(directory: option) }
        if let variable = environment("PFTLS_STATE_DIR"), !variable.isEmpty { return DeployLedger(directory: variable) }
        return isRoot ? DeployLedger(directory: defaultDirectory) : nil
    }

    /// The directory `--state-dir` names in a suggested command: nil when it is the default.
    public var directoryForCommands: String? { directory == Self.defaultDirectory ? nil : directory }

    // MARK: Writing

    /// Appends `record` (its configuration directory without trailing slashes), then drops
    /// the oldest records of that directory beyond `recordsKept`.
    public func append(_ record: DeployRecord) throws(Problem) {
        var record = record
        record.configDirectory = DirectoryKey.of(record.configDirectory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { throw problem("ledger.problem.encode", path) }
        let line = Array(data) + [UInt8(ascii: "\n")]
        let folder = try openDirectory(creating: true)
        defer { close(folder) }
        let file = try lockedFile(in: folder)
        defer {
            flock(file, LOCK_UN)
            close(file)
        }
        try writeAll(line, to: file)
        try trim(file, folder: folder, configDirectory: record.configDirectory)
    }

    /// The state directory, opened without following a link; created 0700 when `creating`
    /// and missing. Refused when it is not a directory, not owned by the user running pftls
    /// (or root, when only reading), or writable by group or others.
    private func openDirectory(creating: Bool) throws(Problem) -> Int32 {
        var folder = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if folder < 0 && errno == ENOENT && creating {
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else { throw problem("ledger.problem.create-directory", directory, errno: errno) }
            folder = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if folder >= 0 { fchmod(folder, 0o700) }
        }
        guard folder >= 0 else {
            let code = errno
            if code == ELOOP || code == ENOTDIR { throw problem("ledger.problem.directory-not-directory", directory) }
            var failure = problem("ledger.problem.open-directory", directory, errno: code)
            failure.isAbsent = code == ENOENT || code == EACCES
            throw failure
        }
        var info = stat()
        guard fstat(folder, &info) == 0 else {
            close(folder)
            throw problem("ledger.problem.open-directory", directory, errno: errno)
        }
        if info.st_uid != geteuid() && (creating || info.st_uid != 0) {
            close(folder)
            throw Problem(description: Catalog.text("ledger.problem.directory-owner", ["directory": SafeText.escape(directory),
                                                                                         "owner": "\(info.st_uid)", "user": "\(geteuid())"]))
        }
        if info.st_mode & 0o022 != 0 {
            close(folder)
            throw Problem(description: Catalog.text("ledger.problem.directory-writable", ["directory": SafeText.escape(directory),
                                                                                            "mode": String(info.st_mode & 0o7777, radix: 8)]))
        }
        return folder
    }

    /// The ledger file, opened for appending (created 0600) and locked. A file that a
    /// trim replaced while this run waited for the lock is opened again.
    private func lockedFile(in folder: Int32) throws(Problem) -> Int32 {
        for _ in 0..<20 {
            let file = openat(folder, Self.fileName, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard file >= 0 else {
                if errno == ELOOP { throw problem("ledger.problem.symlink", path) }
                throw problem("ledger.problem.open", path, errno: errno)
            }
            do throws(Problem) { try checkFile(file) } catch {
                close(file)
                throw error
            }
            let end = Date().addingTimeInterval(10)
            var locked = false
            while !locked {
                locked = flock(file, LOCK_EX | LOCK_NB) == 0
                if !locked {
                    guard errno == EWOULDBLOCK || errno == EINTR, Date() < end else {
                        close(file)
                        throw problem("ledger.problem.busy", path)
                    }
                    usleep(20_000)
                }
            }
            var held = stat()
            var named = stat()
            if fstat(file, &held) == 0, fstatat(folder, Self.fileName, &named, AT_SYMLINK_NOFOLLOW) == 0,
               held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return file
            }
            flock(file, LOCK_UN)
            close(file)
        }
        throw problem("ledger.problem.busy", path)
    }

    /// Refuses anything but a regular file of the user running pftls; makes it 0600.
    private func checkFile(_ file: Int32) throws(Problem) {
        var info = stat()
        guard fstat(file, &info) == 0 else { throw problem("ledger.problem.open", path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw problem("ledger.problem.not-regular", path) }
        guard info.st_uid == geteuid() else {
            throw Problem(description: Catalog.text("ledger.problem.file-owner", ["path": SafeText.escape(path), "owner": "\(info.st_uid)",
                                                                                    "user": "\(geteuid())"]))
        }
        if info.st_mode & 0o777 != 0o600 { fchmod(file, 0o600) }
    }

    private func writeAll(_ bytes: [UInt8], to file: Int32) throws(Problem) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw problem("ledger.problem.write", path, errno: errno) }
            written += count
        }
    }

    /// Rewrites the file (a temporary file renamed over it) when it holds more than
    /// `recordsKept` records of `configDirectory` or more than `readLimit` bytes: the oldest
    /// of that directory's records go, and lines that are no record.
    private func trim(_ file: Int32, folder: Int32, configDirectory: String) throws(Problem) {
        let read = Self.lines(of: file)
        let decoder = JSONDecoder()
        let owners = read.lines.map { line in (try? decoder.decode(Owner.self, from: Data(line))).map { DirectoryKey.of($0.configDirectory) } }
        let mine = owners.filter { $0 == configDirectory }.count
        guard mine > recordsKept || read.truncated else { return }
        var dropping = max(0, mine - recordsKept)
        var kept: [UInt8] = []
        for (line, owner) in zip(read.lines, owners) {
            guard let owner else { continue }
            if owner == configDirectory && dropping > 0 {
                dropping -= 1
                continue
            }
            kept += line + [UInt8(ascii: "\n")]
        }
        let temporary = "." + Self.fileName + ".\(getpid()).tmp"
        unlinkat(folder, temporary, 0)
        let output = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw problem("ledger.problem.write", directory + "/" + temporary, errno: errno) }
        do throws(Problem) {
            try writeAll(kept, to: output)
            guard fsync(output) == 0 else { throw problem("ledger.problem.write", path, errno: errno) }
        } catch {
            close(output)
            unlinkat(folder, temporary, 0)
            throw error
        }
        close(output)
        guard renameat(folder, temporary, folder, Self.fileName) == 0 else {
            let code = errno
            unlinkat(folder, temporary, 0)
            throw problem("ledger.problem.write", path, errno: code)
        }
    }

    private struct Owner: Decodable {
        let configDirectory: String
    }

    // MARK: Reading

    /// What the ledger holds for `configDirectory` (trailing slashes aside), oldest first, and how many lines were
    /// no record (garbage, too long, or cut off). A ledger that does not exist, or that the
    /// user running pftls may not read, holds nothing; one that is unsafe (a link, another
    /// user's, writable by group or others) is a problem.
    public func records(configDirectory: String) throws(Problem) -> (records: [DeployRecord], skipped: Int) {
        let folder: Int32
        do { folder = try openDirectory(creating: false) } catch {
            if error.isAbsent { return ([], 0) }
            throw error
        }
        defer { close(folder) }
        let file = openat(folder, Self.fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else {
            if errno == ENOENT || errno == EACCES { return ([], 0) }
            if errno == ELOOP { throw problem("ledger.problem.symlink", path) }
            throw problem("ledger.problem.open", path, errno: errno)
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw problem("ledger.problem.not-regular", path) }
        guard info.st_uid == geteuid() || info.st_uid == 0 else {
            throw Problem(description: Catalog.text("ledger.problem.file-owner", ["path": SafeText.escape(path), "owner": "\(info.st_uid)",
                                                                                    "user": "\(geteuid())"]))
        }
        if info.st_mode & 0o022 != 0 {
            throw Problem(description: Catalog.text("ledger.problem.file-writable", ["path": SafeText.escape(path),
                                                                                       "mode": String(info.st_mode & 0o7777, radix: 8)]))
        }
        flock(file, LOCK_SH)
        defer { flock(file, LOCK_UN) }
        let read = Self.lines(of: file)
        let decoder = JSONDecoder()
        let key = DirectoryKey.of(configDirectory)
        var records: [DeployRecord] = []
        var skipped = read.skipped
        for line in read.lines {
            guard let record = try? decoder.decode(DeployRecord.self, from: Data(line)) else {
                skipped += 1
                continue
            }
            if DirectoryKey.of(record.configDirectory) == key { records.append(record) }
        }
        return (records, skipped)
    }

    /// The file's lines (the newest `readLimit` bytes of it), without lines longer than
    /// `lineLimit`, an unfinished last line or a line cut by the limit.
    static func lines(of file: Int32) -> (lines: [[UInt8]], skipped: Int, truncated: Bool) {
        var info = stat()
        guard fstat(file, &info) == 0 else { return ([], 0, false) }
        let size = Int(info.st_size)
        let start = max(0, size - readLimit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(start + done)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        bytes.removeLast(bytes.count - done)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        var skipped = 0
        if lines.last?.isEmpty == true { lines.removeLast() } else if !lines.isEmpty {
            lines.removeLast()
            skipped += 1
        }
        if start > 0, !lines.isEmpty {
            lines.removeFirst()
            skipped += 1
        }
        let kept = lines.filter { !$0.isEmpty && $0.count <= lineLimit }
        return (kept, skipped + lines.count - kept.count, start > 0)
    }

    private func problem(_ key: String, _ path: String, errno code: Int32? = nil) -> Problem {
        Problem(description: Catalog.text(key, ["path": SafeText.escape(path), "reason": code.map { String(cString: strerror($0)) } ?? ""]))
    }
}
