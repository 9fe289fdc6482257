#if canImport(Glibc)
import Glibc
#endif

/// How many backups a successful change leaves behind: the last `sets` backup sets in
/// its backup root (`CONFIG-DIR/pftls-backups` or `--backup-dir`) and the last `keyCopies`
/// key-copy sets in its certificate directory (`CERT-DIR/.pftls-backups`), the change's
/// own among them. `--keep-backups N` makes both N.
///
/// Only what this config directory's runs made is counted and removed: a real directory
/// (never a link, which is not followed) named exactly as `BackupStamp` says, belonging to
/// the user running pftls, and marked for this config directory (`BackupSetMarker`). Another
/// instance's sets in a shared certificate directory or `--backup-dir` are never counted nor
/// removed, nor is another tool's directory that merely has a stamp's name.
///
/// A set without a marker (a pftls before markers made it) counts as this config
/// directory's own only in its default backup root, `CONFIG-DIR/pftls-backups`: nothing else
/// writes there. In a `--backup-dir` or a certificate directory's `.pftls-backups`, which
/// other instances (and tools) may share, nobody can tell whose it is: it is left alone, for
/// the administrator to remove. Everything else in a root is left alone too. Sets are
/// ordered by their names; a set newer than the change's own (another run's, or a clock set
/// back) is never removed.
public struct BackupRetention: Sendable, Equatable {
    /// Backup sets kept per backup root when `--keep-backups` is not given.
    public static let defaultSets = 10
    /// Key-copy sets kept per certificate directory when `--keep-backups` is not given.
    public static let defaultKeyCopies = 3

    /// Why `--keep-backups` was refused.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Backup sets kept per backup root.
    public let sets: Int
    /// Key-copy sets kept per certificate directory.
    public let keyCopies: Int

    /// The defaults: 10 backup sets, 3 key-copy sets.
    public init() {
        sets = Self.defaultSets
        keyCopies = Self.defaultKeyCopies
    }

    /// `--keep-backups count`: `count` of each. At least 1: the change's own backup always stays.
    public init(keeping count: Int) throws(Refusal) {
        guard count >= 1 else { throw Refusal(description: Catalog.text("backup.retention.keep-too-few", ["count": "\(count)"])) }
        sets = count
        keyCopies = count
    }

    /// Removes the oldest sets of one root, through a file system and a remover that tests can stand in for.
    struct Pruning {
        let fileSystem: FileSystem
        let remover: BackupSetRemoving
        /// Whose sets are counted: those marked for this config directory.
        let marker: BackupSetMarker

        /// Trims `root` to its newest `keep` sets; `current` (the change's own set, a name in
        /// `root`) is never removed and counts as one of them. Unmarked sets count as ours only
        /// when `adoptingUnmarked` (the default backup root). One line per root that lost
        /// sets, and one warning per set that could not be removed.
        func prune(_ root: String, keep: Int, current: String?, adoptingUnmarked: Bool, said: (one: String, count: String)) -> [String] {
            let sets = ownSets(in: root, adoptingUnmarked: adoptingUnmarked).sorted(by: >)
            let own = current.flatMap(BackupStamp.init(name:))
            var kept = own == nil ? 0 : 1
            var removed = 0
            var lines: [String] = []
            for set in sets where set.name != current {
                if kept < keep || own.map({ set > $0 }) == true {
                    kept += 1
                    continue
                }
                if let problem = remover.remove(set.name, in: root) {
                    lines.append(Catalog.text("backup.retention.cannot-remove", ["path": SafeText.escape(root + "/" + set.name), "reason": problem]))
                } else {
                    removed += 1
                }
            }
            if removed > 0 {
                lines.insert(Catalog.text(removed == 1 ? said.one : said.count, ["count": "\(removed)", "root": SafeText.escape(root), "keep": "\(keep)"]), at: 0)
            }
            return lines
        }

        /// The sets this config directory's runs made in `root`: real directories (not links) of
        /// this user, named as `BackupStamp` says, marked for it (or unmarked, when `adoptingUnmarked`).
        private func ownSets(in root: String, adoptingUnmarked: Bool) -> [BackupStamp] {
            guard let names = try? fileSystem.contentsOfDirectory(root) else { return [] }
            return names.compactMap { name in
                guard let stamp = BackupStamp(name: name),
                      let status = try? fileSystem.status(of: root + "/" + name),
                      status.kind == .directory, status.ownerID == geteuid() else { return nil }
                switch marker.read(root + "/" + name, fileSystem: fileSystem) {
                case .ours: return stamp
                case .unmarked: return adoptingUnmarked ? stamp : nil
                case .foreign: return nil
                }
            }
        }
    }

    /// After a change succeeded: trims the backup root of `backup` and the key-copy root of
    /// its certificate directory, never touching `backup`'s own sets. The lines to log.
    func prune(after backup: BackupSet, fileSystem: FileSystem = LocalFileSystem(),
               remover: BackupSetRemoving = BackupSetRemover()) -> [String] {
        let pruning = Pruning(fileSystem: fileSystem, remover: remover, marker: backup.marker)
        let (root, name) = AtomicFileWriter.split(backup.directory)
        let keyName = backup.keyDirectory.map { AtomicFileWriter.split($0).name }
        return pruning.prune(root, keep: sets, current: name, adoptingUnmarked: backup.inOwnRoot,
                             said: ("backup.retention.removed-set", "backup.retention.removed-sets"))
            + pruning.prune(backup.keyRoot, keep: keyCopies, current: keyName, adoptingUnmarked: false,
                            said: ("backup.retention.removed-key-copy", "backup.retention.removed-key-copies"))
    }
}
