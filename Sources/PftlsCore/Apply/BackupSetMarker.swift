#if canImport(Glibc)
import Glibc
#endif

/// The file pftls puts in every backup set and key-copy set it makes, before anything is
/// saved into it: which config directory's change made the set (and where its partner set
/// is). Several Postfix instances may share a certificate directory or a `--backup-dir`;
/// `BackupRetention` counts and removes only the sets marked for its own config directory,
/// so one instance's run never removes another's set (in flight, or named by a rollback
/// command it just printed), nor another tool's directory that merely has a stamp's name.
///
/// Neither `BackupSet.restore()` nor restore.sh look at it (they work from the saved
/// entries); it is a regular 0600 file, as `BackupSetRemover` requires.
struct BackupSetMarker: Equatable {
    /// The marker's name in a set.
    static let fileName = ".pftls-set"
    /// The longest marker read back: two paths and their labels.
    static let limit = 16 << 10

    /// The config directory, resolved (`/etc/postfix/` and a link to it are the same instance).
    let configDirectory: String

    /// The marker of `configDirectory`'s sets.
    init(configDirectory: String, fileSystem: FileSystem = LocalFileSystem()) {
        let trimmed = DirectoryKey.of(configDirectory)
        self.configDirectory = fileSystem.resolvedPath(trimmed) ?? trimmed
    }

    /// The first line: what `marks` compares, byte for byte (a path may hold any byte but NUL).
    private var firstLine: [UInt8] { Array(("config-directory " + configDirectory + "\n").utf8) }

    /// The marker's text: the config directory, then the partner set's path when there is one.
    func text(partner: String?) -> [UInt8] {
        firstLine + Array((partner.map { "partner " + $0 + "\n" } ?? "").utf8)
    }

    /// Writes (or rewrites) the marker of the set `directory`.
    func write(in directory: String, partner: String?) throws(AtomicFileWriter.Failure) {
        try AtomicFileWriter().write(text(partner: partner), to: directory + "/" + Self.fileName, mode: 0o600)
    }

    /// What the set `directory` says of its maker.
    enum Reading: Equatable {
        /// Its marker names this config directory.
        case ours
        /// Its marker names another one, or cannot be read: never counted, never removed.
        case foreign
        /// It has no marker: made by a pftls before markers (or by another tool).
        case unmarked
    }

    /// Reads the marker of the set `directory` (a regular file only, never through a link).
    func read(_ directory: String, fileSystem: FileSystem) -> Reading {
        let path = directory + "/" + Self.fileName
        let found: FileStatus?
        do { found = try fileSystem.status(of: path) } catch { return .foreign }
        guard let status = found else { return .unmarked }
        guard status.kind == .regular, let bytes = try? fileSystem.readFile(path, limit: Self.limit) else { return .foreign }
        return bytes.starts(with: firstLine) ? .ours : .foreign
    }
}
