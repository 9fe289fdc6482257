#if canImport(Glibc)
import Glibc
#endif

/// Reads and makes staged next keys, holding them to the rules: a regular file (never a
/// symbolic link), readable and writable by its owner only, holding one unencrypted
/// private key of the type its name says.
public struct NextKeyStore: Sendable {
    /// Why a staged file cannot be used; the message names the file, the problem and the fix.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    let fileSystem: FileSystem
    let trustedOwner: UInt32

    /// A store that holds directories to the rules for `trustedOwner` (root: 0).
    public init(fileSystem: FileSystem = LocalFileSystem(), trustedOwner: UInt32 = 0) {
        self.fileSystem = fileSystem
        self.trustedOwner = trustedOwner
    }

    /// The staged key at `path`; nil when there is no file. `type` is the key type the
    /// file name stands for; `exactly`, when given, the kind asked for (`csr --key-type`).
    public func read(_ path: String, type: ServerKeyType, exactly: RequestMaker.KeyType? = nil) throws(Problem) -> StagedNextKey? {
        let shown = SafeText.escape(path)
        let status: FileStatus
        do {
            guard let found = try fileSystem.status(of: path) else { return nil }
            status = found
        } catch {
            throw Problem(description: Catalog.text("next-key.unreadable", ["path": shown, "reason": error.reason]))
        }
        switch status.kind {
        case .symbolicLink: throw Problem(description: Catalog.text("next-key.symlink", ["path": shown]))
        case .regular: break
        case .directory, .other: throw Problem(description: Catalog.text("next-key.not-a-key", ["path": shown]))
        }
        if status.ownerID != trustedOwner {
            throw Problem(description: Catalog.text("next-key.foreign-owner", ["path": shown, "owner": "\(status.ownerID)"]))
        }
        if status.permissions & 0o077 != 0 {
            throw Problem(description: Catalog.text("next-key.readable", ["path": shown, "mode": String(status.permissions, radix: 8)]))
        }
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path, limit: 1 << 20) } catch {
            throw Problem(description: Catalog.text("next-key.unreadable", ["path": shown, "reason": error.reason]))
        }
        let items = FileDecoder(path: path, passphrases: nil).decode(bytes).items
        let keys = items.compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }
        guard keys.count == 1, items.count == 1, let key = keys.first else {
            throw Problem(description: Catalog.text("next-key.not-a-key", ["path": shown]))
        }
        let found = ServerKeyType(key.algorithm)
        if found != type || exactly.map({ !$0.describes(key.algorithm) }) == true {
            let asked = exactly?.rawValue ?? type.rawValue
            throw Problem(description: Catalog.text("next-key.other-type", ["path": shown, "found": key.algorithm.description, "asked": asked]))
        }
        return StagedNextKey(path: path, key: key)
    }

    /// The staged key of `kind` in `directory`: the one made by an earlier run (`created`
    /// false), else a new one written 0600 from its first byte. A file another run makes
    /// at the same moment is never overwritten: it is read and used instead.
    public func stage(_ kind: RequestMaker.KeyType, in directory: String) throws(Problem) -> (key: StagedNextKey, created: Bool) {
        let path = NextKeyFile.path(in: directory, for: kind.serverKeyType)
        // The directory first, for a key found there too: one others may write in could hold a planted key.
        if let unsafe = DirectorySafety(fileSystem: fileSystem, trustedOwner: trustedOwner).check(directory).first(where: { $0.severity == .error }) {
            throw Problem(description: [unsafe.message + Catalog.text("sentence.end"), unsafe.hint].joinedAsSentences())
        }
        if let staged = try read(path, type: kind.serverKeyType, exactly: kind) { return (staged, false) }
        let key: PrivateKey
        do { key = try KeyGenerator.generate(kind.kind) } catch { throw Problem(description: "\(error)") }
        do { try KeyFileWriter().write(key: key, to: path, replacing: false) } catch {
            guard error.alreadyExists, let staged = try read(path, type: kind.serverKeyType, exactly: kind) else {
                throw Problem(description: error.description)
            }
            return (staged, false)
        }
        return (StagedNextKey(path: path, key: key), true)
    }

    /// The staged keys found at `paths` (`NextKeyFile.candidates`), and the problems of
    /// the files that cannot be used.
    public func staged(_ paths: [String]) -> (keys: [StagedNextKey], problems: [(path: String, problem: Problem)]) {
        var keys: [StagedNextKey] = []
        var problems: [(path: String, problem: Problem)] = []
        var seen = Set<String>()
        for path in paths where seen.insert(path).inserted {
            guard let type = ServerKeyType.allCases.first(where: { path.hasSuffix("/" + NextKeyFile.name(for: $0)) }) else { continue }
            do {
                if let key = try read(path, type: type) { keys.append(key) }
            } catch {
                problems.append((path, error))
            }
        }
        return (keys, problems)
    }
}

extension NextKeyStore.Problem {
    /// The staged key at `path` is the key in use already: no next key is staged.
    public static func inUse(_ path: String) -> NextKeyStore.Problem {
        NextKeyStore.Problem(description: Catalog.text("next-key.in-use", ["path": SafeText.escape(path)]))
    }
}
