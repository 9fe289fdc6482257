#if canImport(Glibc)
import Glibc
#endif

/// The copies of the files a commit replaces, and how to put them back.
///
/// Config files are copied into the backup directory; files holding a key are
/// copied into a private directory inside the certificate directory, so key
/// material never leaves it. Every copy keeps its mode; key copies stay 0600.
/// A symbolic link is saved as a link (its target path), never as what it points
/// to, so a backup can neither copy another service's secret nor take a link's mode.
struct BackupSet {
    struct Entry {
        let original: String
        /// nil when the file did not exist before (restoring removes it) or was a link.
        let copy: String?
        let mode: mode_t
        let owner: (uid: uid_t, gid: gid_t)
        /// The target of a symbolic link that stood at `original`.
        var linkTarget: String? = nil
    }

    let directory: String
    private let certificateDirectory: String
    private let stamp: String
    /// Created on the first key backup.
    private(set) var keyDirectory: String?
    private(set) var entries: [Entry] = []
    private let writer = AtomicFileWriter()
    /// What this set and its key-copy set are marked with: the config directory whose change made them.
    let marker: BackupSetMarker
    /// True when `directory` is in the config directory's own backup root (`CONFIG-DIR/pftls-backups`):
    /// only that config directory's runs, one at a time under its lock, make sets there, so the
    /// unmarked sets of a pftls before markers are its own (`BackupRetention`).
    let inOwnRoot: Bool

    /// The default backup root of `configDirectory`.
    static func defaultRoot(of configDirectory: String) -> String { configDirectory + "/pftls-backups" }

    /// Prepares (and creates, 0700) the backup directory named `stamp` under `root`, marked
    /// as made by a change to `configDirectory` (`BackupSetMarker`).
    init(root: String, configDirectory: String, certificateDirectory: String, stamp: String) throws(AtomicFileWriter.Failure) {
        marker = BackupSetMarker(configDirectory: configDirectory)
        directory = try Self.makeDirectory(root, stamp, marker: marker)
        inOwnRoot = LocalFileSystem().resolvedPath(root) == Self.defaultRoot(of: marker.configDirectory)
        self.certificateDirectory = certificateDirectory
        self.stamp = stamp
    }

    /// Saves `path` before it is replaced (or notes that it is new).
    mutating func save(_ path: String, secret: Bool) throws(AtomicFileWriter.Failure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            entries.append(Entry(original: path, copy: nil, mode: 0, owner: (0, 0)))
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(path, &buffer, buffer.count - 1)
            guard length > 0 else {
                throw AtomicFileWriter.Failure(path: path, reason: Catalog.text("backup.cannotReadLink", ["reason": "\(String(cString: strerror(errno)))"]))
            }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            entries.append(Entry(original: path, copy: nil, mode: 0, owner: (info.st_uid, info.st_gid), linkTarget: target))
            return
        }
        let bytes: [UInt8]
        do { bytes = try LocalFileSystem().readFile(path, limit: 64 << 20) } catch {
            throw AtomicFileWriter.Failure(path: path, reason: Catalog.text("backup.cannotBackUp", ["reason": "\(error.reason)"]))
        }
        if secret && keyDirectory == nil {
            let keys = try Self.makeDirectory(keyRoot, stamp, marker: marker, partner: directory)
            keyDirectory = keys
            try marker.write(in: directory, partner: keys)
        }
        let target = (secret ? keyDirectory! : directory) + "/" + Self.flatName(path)
        let mode = mode_t(info.st_mode & 0o7777)
        try writer.write(bytes, to: target, mode: secret ? 0o600 : mode)
        entries.append(Entry(original: path, copy: target, mode: mode, owner: (info.st_uid, info.st_gid)))
    }

    /// Where the key copies of every change to `certificateDirectory` go, each set in a directory of its own.
    var keyRoot: String { certificateDirectory + "/.pftls-backups" }

    /// Removes the backup again: for a run that stopped before changing anything.
    func discard() {
        try? FileManager.default.removeItem(atPath: directory)
        if let keyDirectory { try? FileManager.default.removeItem(atPath: keyDirectory) }
        for parent in [AtomicFileWriter.split(directory).directory, keyDirectory.map { AtomicFileWriter.split($0).directory }].compactMap({ $0 })
            where (try? FileManager.default.contentsOfDirectory(atPath: parent))?.isEmpty == true {
            rmdir(parent)
        }
    }

    /// Puts every saved file back and removes the files that were new.
    func restore() -> [String] {
        var problems: [String] = []
        for entry in entries.reversed() {
            if let copy = entry.copy {
                do {
                    let bytes = try LocalFileSystem().readFile(copy, limit: 64 << 20)
                    try writer.write(bytes, to: entry.original, mode: entry.mode, owner: entry.owner)
                } catch {
                    problems.append("\(SafeText.escape(entry.original)): \(error)")
                }
            } else if let target = entry.linkTarget {
                if let problem = Self.relink(entry.original, to: target) { problems.append(problem) }
            } else if unlink(entry.original) != 0 && errno != ENOENT {
                problems.append(Catalog.text("backup.cannot-remove", ["path": SafeText.escape(entry.original), "reason": String(cString: strerror(errno))]))
            }
        }
        return problems
    }

    /// Puts a symbolic link back in place of whatever is at `path`, atomically (link beside it, rename).
    private static func relink(_ path: String, to target: String) -> String? {
        let temporary = path + ".pftls-link"
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return Catalog.text("backup.cannot-relink", ["path": SafeText.escape(path), "target": SafeText.escape(target), "reason": reason])
        }
        return nil
    }

    /// A shell script that does what `restore()` does, for the administrator. For a
    /// `sealed` configuration (the demo sandbox, `DemoSandboxSeal`) it only puts the files
    /// back: no Postfix is reloaded, started or stopped, the system's least of all. A
    /// Postfix that was stopped when the change was made (`wasRunning` false) is reloaded
    /// if it runs by then, never started: the way back leaves it as it was.
    /// `dovecotConfig` names the Dovecot the change covered: it is reloaded too, if it runs.
    /// `sniMaps` are the indexed SNI maps the change rebuilt: each is built again from the
    /// files put back (Postfix reads an entry's files from the database, not from the files),
    /// or its database removed when its source was new.
    func script(configDirectory: String, sealed: Bool = false, wasRunning: Bool = true, dovecotConfig: String? = nil,
                sniMaps: [SNIMapReference] = []) -> String {
        let header = sealed
            ? ["# Written by pftls for the demo sandbox: puts back the files this change replaced.\n# No Postfix is reloaded, started or stopped: the sandbox's configuration is never run."]
            : wasRunning
                ? ["# Written by pftls: puts back the files this change replaced, then reloads Postfix (or starts it)."]
                : ["# Written by pftls: puts back the files this change replaced, then reloads Postfix if it runs (it was stopped at the change)."]
        var lines = ["#!/bin/sh"] + header + ["set -e"]
        // Older key copies go after later changes (`BackupRetention`): without its copies the
        // script changes nothing, rather than putting back half of what the change replaced.
        for copy in entries.compactMap(\.copy) {
            lines.append("[ -f \(Self.quote(copy)) ] || { echo \(Self.quote(Catalog.text("backup.restore.copy-missing", ["path": copy]))) >&2; exit 1; }")
        }
        // Last saved, first put back, as a rollback does: the configuration files, written last,
        // go back before the files they name are changed or removed (a reload in between
        // never reads a new key beside an old certificate, or a file that is gone).
        for entry in entries.reversed() {
            if let copy = entry.copy {
                let original = Self.quote(entry.original)
                lines.append("cp \(Self.quote(copy)) \(original).pftls-restore")
                lines.append("chown \(entry.owner.uid):\(entry.owner.gid) \(original).pftls-restore")
                lines.append("chmod \(String(entry.mode, radix: 8)) \(original).pftls-restore")
                lines.append("mv -f \(original).pftls-restore \(original)")
            } else if let target = entry.linkTarget {
                lines.append("ln -sfn \(Self.quote(target)) \(Self.quote(entry.original))")
            } else {
                lines.append("rm -f \(Self.quote(entry.original))")
            }
        }
        for map in sniMaps {
            guard let database = SNIMapAudit.database(of: map) else { continue }
            lines.append("if [ -f \(Self.quote(map.name)) ]; then postmap -c \(Self.quote(configDirectory)) -F \(Self.quote(map.type + ":" + map.name)); "
                         + "chmod 600 \(Self.quote(database)); else rm -f \(Self.quote(database)); fi")
        }
        guard !sealed else { return lines.joined(separator: "\n") + "\n" }
        let postfix = "postfix -c \(Self.quote(configDirectory))"
        lines.append(wasRunning ? "if \(postfix) status >/dev/null 2>&1; then \(postfix) reload; else \(postfix) start; fi"
                                : "if \(postfix) status >/dev/null 2>&1; then \(postfix) reload; fi")
        if let dovecotConfig { lines.append(DovecotCommand.restoreLine(configFile: dovecotConfig)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ text: String) -> String { "'" + text.replacing("'", with: "'\\''") + "'" }

    /// `/etc/postfix/main.cf` becomes `etc_postfix_main.cf`.
    static func flatName(_ path: String) -> String {
        path.split(separator: "/").joined(separator: "_")
    }

    /// Refuses a backup root that anyone but root (or the user running pftls) could change:
    /// relative, a link, owned by another user, writable by group or others, or under a
    /// parent such a user controls. In one, that user could swap the set between its
    /// writes: put their own `restore.sh` where the rollback command points, or their own
    /// copies where an automatic rollback reads main.cf back from (`DirectorySafety`).
    private static func requireSafeRoot(_ root: String) throws(AtomicFileWriter.Failure) {
        let safety = DirectorySafety(fileSystem: LocalFileSystem(), trustedOwner: geteuid())
        guard let unsafe = safety.check(root, forPostfix: false).first(where: { $0.severity == .error }) else { return }
        throw AtomicFileWriter.Failure(path: root, reason: Catalog.text("backup.root-unsafe", ["problem": unsafe.message]))
    }

    /// Makes the set `stamp` in `root` and marks it before anything goes into it; a set that
    /// cannot be marked is removed again (unmarked, no retention would ever remove it).
    private static func makeDirectory(_ root: String, _ stamp: String, marker: BackupSetMarker, partner: String? = nil) throws(AtomicFileWriter.Failure) -> String {
        let directory = try makeDirectory(root, stamp)
        do { try marker.write(in: directory, partner: partner) } catch {
            rmdir(directory)
            throw error
        }
        return directory
    }

    private static func makeDirectory(_ root: String, _ stamp: String) throws(AtomicFileWriter.Failure) -> String {
        // Checked before it is made (nothing is left in a place refused), and again once it is
        // there, through the directories it really lies in (a link on the way is followed).
        try requireSafeRoot(root)
        let made = mkdir(root, 0o700) == 0
        guard made || errno == EEXIST else {
            throw AtomicFileWriter.Failure(path: root, reason: Catalog.text("backup.cannotCreateDirectory", ["reason": "\(String(cString: strerror(errno)))"]))
        }
        if let problem = DirectoryPins.problem(at: root) {
            if made { rmdir(root) }
            throw AtomicFileWriter.Failure(path: root, reason: Catalog.text("backup.root-unsafe", ["problem": problem]))
        }
        // Past the highest attempt of this second there is, not in the first gap: once older
        // sets of the second are removed (`BackupRetention`), a gap would sort before newer sets.
        let highest = ((try? LocalFileSystem().contentsOfDirectory(root)) ?? []).compactMap(BackupStamp.init(name:))
            .filter { $0.stamp == stamp }.map(\.attempt).max()
        var attempt = min(highest.map { $0 + 1 } ?? 1, BackupStamp.lastAttempt)
        func name() -> String { attempt == 1 ? root + "/" + stamp : root + "/" + stamp + "-\(attempt)" }
        var candidate = name()
        while mkdir(candidate, 0o700) != 0 {
            guard errno == EEXIST, attempt < BackupStamp.lastAttempt else {
                throw AtomicFileWriter.Failure(path: candidate, reason: Catalog.text("backup.cannotCreateDirectory", ["reason": "\(String(cString: strerror(errno)))"]))
            }
            attempt += 1
            candidate = name()
        }
        return candidate
    }
}

import FoundationEssentials
