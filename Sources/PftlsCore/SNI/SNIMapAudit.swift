/// `check` on an SNI map: every entry's files (they exist, the key matches, the chain is
/// complete, the certificate covers the entry's name, `.example.com` meaning its
/// subdomains), and an indexed map's database against what it was built from: older than
/// its source or than any file it holds is `sni-map-stale` (the database stores the files'
/// contents), a missing one too (every SNI lookup then fails, though `postfix check`
/// passes), and a database readable by others holds private keys in the open.
public struct SNIMapAudit {
    let fileSystem: FileSystem
    let inspector: Inspector
    /// The instance the maps belong to (for the commands the hints name).
    public var configDirectory = PostfixInstallation.standardConfigDirectory

    /// Creates an audit over `fileSystem`.
    public init(fileSystem: FileSystem = LocalFileSystem(), inspector: Inspector = Inspector()) {
        self.fileSystem = fileSystem
        self.inspector = inspector
    }

    /// The database `postmap` builds for `map` (`NAME.db`, `NAME.lmdb`, `NAME.cdb`).
    public static func database(of map: SNIMapReference) -> String? {
        switch map.type {
        case "hash", "btree", "dbm", "sdbm": map.name + ".db"
        case "lmdb": map.name + ".lmdb"
        case "cdb": map.name + ".cdb"
        default: nil
        }
    }

    /// What the audit of one map found: each entry with its pairs, and every finding.
    public struct Result {
        /// The entries in source order, each read as Postfix reads its files.
        public let entries: [SNIEntryReport]
        /// The entries' findings (each naming its entry), then the database's.
        public let findings: [Finding]
    }

    /// Findings for `source`, read from `map`, with `expiry` deciding `expires-soon`.
    public func findings(map: SNIMapReference, source: SNIMapSource, expiry: ExpiryThresholds = ExpiryThresholds()) -> [Finding] {
        audit(map: map, source: source, expiry: expiry).findings
    }

    /// Each entry of `source` read pair by pair (an entry may hold an RSA and an ECDSA pair)
    /// and checked for its own name, and the database of `map` against the files.
    public func audit(map: SNIMapReference, source: SNIMapSource, expiry: ExpiryThresholds = ExpiryThresholds(),
                      privateCA: Bool = false) -> Result {
        let entries = SNIEntryInspection(reader: PairReader(inspector: inspector), map: map, expiry: expiry, privateCA: privateCA,
                                         configDirectory: configDirectory)
            .reports(source.entries)
        return Result(entries: entries, findings: entries.flatMap(\.findings) + databaseFindings(map: map, files: source.entries.flatMap(\.files)))
    }

    private func databaseFindings(map: SNIMapReference, files: [String]) -> [Finding] {
        guard map.isIndexed, let database = Self.database(of: map) else { return [] }
        let rebuild = "postmap -F \(map.type):\(map.name)"
        guard let built = try? fileSystem.statusFollowingLinks(of: database), let builtAt = built.identity?.modified else {
            return [Finding(.sniMapStale, .error, file: database, message: Catalog.text("sni.database-missing", ["database": SafeText.escape(database)]),
                            hint: Catalog.text("sni.rebuild.hint", ["command": SafeText.escape(rebuild)]))]
        }
        var findings: [Finding] = []
        // A file several entries (or both halves of a pair) name is listed once.
        var seen = Set<String>()
        let newer = ([map.name] + files).filter { seen.insert($0).inserted }.filter { path in
            ((try? fileSystem.statusFollowingLinks(of: path))??.identity?.modified).map { $0 > builtAt } == true
        }
        if !newer.isEmpty {
            findings.append(Finding(.sniMapStale, .error, file: database,
                                    message: Catalog.text("sni.database-stale", ["database": SafeText.escape(database), "files": newer.map(SafeText.escape).joinedAsList()]),
                                    hint: Catalog.text("sni.rebuild.hint", ["command": SafeText.escape(rebuild)])))
        }
        if built.isReadableByGroupOrOthers || built.isWritableByGroupOrOthers {
            findings.append(Finding(.keyPermissions, .error, file: database,
                                    message: Catalog.text("sni.database-readable", ["database": SafeText.escape(database), "mode": String(built.permissions, radix: 8)]),
                                    hint: Catalog.text("sni.database-readable.hint", ["database": SafeText.escape(database)])))
        }
        return findings
    }
}

extension FindingCode {
    /// An indexed SNI map's database is older than its source or its files, or missing.
    public static let sniMapStale: FindingCode = "sni-map-stale"
}
