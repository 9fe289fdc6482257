#if canImport(Glibc)
import Glibc
#endif

/// The SNI part of a plan: each answered entry's chain file (0600, in the certificate
/// directory), the map source edited losslessly (or a new one), the maps `postmap -F`
/// must rebuild, and the proofs: each name, per key type.
extension PlanBuilder {
    struct SNIChange {
        var files: [PlannedFile] = []
        var findings: [Finding] = []
        /// Indexed maps `postmap -F` updates after the files are written.
        var rebuilds: [SNIMapUpdate] = []
        var proofs: [ServeProof] = []
        /// `tls_server_sni_maps` to set in main.cf (no map was in force).
        var mainSetting: String?
        /// The map the entries go into.
        var map: SNIMapReference?
        /// Maps to rebuild whose database is already older than their files (a run stopped
        /// between the map's edit and `postmap`): rebuilt even when no file changes now.
        var staleDatabases: [SNIMapReference] = []
    }

    /// The SNI entries' files and map edit for `answers.sni`, over the maps in force.
    /// `changedPaths` are the other files the change rewrites (a map that holds one is rebuilt too).
    func sniPart(_ answers: Answers, presentation: ServerPresentation, changedPaths: Set<String>,
                 defaultLeaf: Certificate?, passphrases: PassphraseSource?) -> SNIChange {
        var change = SNIChange()
        let directory = answers.certificateDirectory.hasSuffix("/") ? String(answers.certificateDirectory.dropLast()) : answers.certificateDirectory
        var values: [(name: String, value: String)] = []
        var written = changedPaths
        for entry in answers.sni {
            guard let given = sniPairs(entry, passphrases: passphrases, findings: &change.findings) else { continue }
            let kept = keptPairs(of: entry, in: presentation, besides: given)
            let pairs = given + kept
            let path = directory + "/sni-" + entry.names[0] + ".pem"
            written.insert(path)
            let content = Self.keyAndChain(pairs)
            change.files.append(installedFile(Catalog.text("sni.plan.file", ["names": entry.names.map(SafeText.escape).joinedAsList()]),
                                              role: .sniChain, path: path, content: .secret(content), mode: 0o600,
                                              summary: pairs.flatMap { [Catalog.text("plan.file.privateKeySummary", ["algorithm": "\($0.key.algorithm)"])] + describe($0.chain) }))
            values += entry.names.map { ($0, path) }
            for name in entry.names {
                let served = given.map { ServeProof.ServedPair(type: $0.type, chain: $0.chain) }
                    + kept.map { ServeProof.ServedPair(type: $0.type, chain: $0.chain, kept: true) }
                change.proofs += ServeProof.proofs(serverName: ServeProof.serverName(forMapKey: name), served: served)
            }
        }
        let inMain = presentation.maps.filter { $0.service == nil }
        if !values.isEmpty {
            if let map = inMain.first(where: { $0.file != nil && $0.reference.type != "inline" }) {
                if let file = map.file {
                    let bytes = SNIMapSourceEditor(file.bytes).setting(values)
                    change.files.append(mapSourceFile(file, new: bytes))
                    change.map = map.reference
                    if map.reference.isIndexed, isUpToDate(map), !otherEntries(of: map, answered: values.map(\.name)).contains(where: { $0.files.contains(where: written.contains) }) {
                        change.rebuilds.append(SNIMapUpdate(reference: map.reference, entries: values.map { "\($0.name) \($0.value)" }))
                    }
                    written.insert(file.path)
                }
            } else if let map = inMain.first {
                change.findings.append(Finding(.sniMapNotEditable, .error, file: installation.configDirectory + "/main.cf",
                                               message: Catalog.text("sni.plan.map-not-editable", ["map": SafeText.escape(map.reference.type + ":" + map.reference.name)]),
                                               hint: Catalog.text("sni.plan.map-not-editable.hint")))
            } else {
                let type = installation.defaults["default_database_type"].flatMap { $0.isEmpty ? nil : $0 } ?? "hash"
                let path = directory + "/sni-map"
                let bytes = SNIMapSourceEditor([]).setting(values)
                change.files.append(installedFile(Catalog.text("sni.plan.file.map"), role: .sniMap, path: path, content: .text(bytes), mode: 0o600,
                                                  summary: values.map { "\(SafeText.escape($0.name)) \(SafeText.escape($0.value))" }))
                change.mainSetting = type + ":" + path
                if let reference = SNIMapReference(type + ":" + path) {
                    if reference.isIndexed { change.rebuilds.append(SNIMapUpdate(reference: reference, entries: nil)) }
                    change.map = reference
                }
                written.insert(path)
            }
        }
        // Every indexed map whose source or files change is rebuilt: its database holds their contents.
        for map in presentation.maps where map.reference.isIndexed && !change.rebuilds.contains(where: { $0.reference == map.reference }) {
            let files = [map.reference.name] + (map.source?.entries.flatMap(\.files) ?? [])
            if files.contains(where: written.contains) { change.rebuilds.append(SNIMapUpdate(reference: map.reference, entries: nil)) }
        }
        for map in presentation.maps where !values.isEmpty && change.rebuilds.contains(where: { $0.reference == map.reference }) && !isUpToDate(map) {
            change.staleDatabases.append(map.reference)
            let database = SNIMapAudit.database(of: map.reference) ?? map.reference.name
            change.findings.append(Finding(.sniMapStale, .info, file: database,
                                           message: Catalog.text("sni.plan.database-stale-rebuilt", ["database": SafeText.escape(database)]),
                                           hint: Catalog.text("sni.plan.database-stale-rebuilt.hint")))
        }
        change.findings += shadowedEntries(inMain, answered: Set(values.map { $0.name.lowercased() }), written: written, defaultLeaf: defaultLeaf)
        return change
    }

    /// True when `map`'s database is at least as new as its source and every file its
    /// entries name: updating the changed entries alone then leaves it whole.
    private func isUpToDate(_ map: SNIMapInUse) -> Bool {
        let modified = { (path: String) in ((try? fileSystem.statusFollowingLinks(of: path)) ?? nil)?.identity?.modified }
        guard let database = SNIMapAudit.database(of: map.reference), let built = modified(database) else { return false }
        let files = [map.reference.name] + (map.source?.entries.flatMap(\.files) ?? [])
        return files.allSatisfy { path in modified(path).map { $0 <= built } ?? false }
    }

    /// The entries of `map` the answers do not name.
    private func otherEntries(of map: SNIMapInUse, answered: [String]) -> [SNIEntry] {
        let names = Set(answered.map { $0.lowercased() })
        return (map.source?.entries ?? []).filter { !names.contains($0.name.lowercased()) }
    }

    /// The pairs' keys, each followed by its chain, as one secret (a chain file's content).
    static func keyAndChain(_ pairs: [DefaultPairsPlanner.NewPair]) -> SecretBytes {
        let pieces = pairs.compactMap { pair in pair.key.unencryptedPEM()?.appending(Array(pair.chain.map(\.pem).joined().utf8)) }
        return pieces.dropFirst().reduce(pieces[0]) { $0.appending($1) }
    }

    /// The entry's pairs, inspected each for every name of the entry; nil after an error.
    private func sniPairs(_ entry: SNIAnswer, passphrases: PassphraseSource?, findings: inout [Finding]) -> [DefaultPairsPlanner.NewPair]? {
        let names = entry.names.map(ServeProof.serverName(forMapKey:))
        var pairs: [DefaultPairsPlanner.NewPair] = []
        for key in entry.keys {
            let report = inspector.inspect(paths: key.paths, options: InspectionOptions(hostname: names[0], passphrases: passphrases,
                keyOnlyFiles: InspectionOptions.keyOnly(key: key.privateKey, certificate: key.certificate, intermediates: key.intermediates),
                names: Array(names.dropFirst())))
            findings += report.findings.map { finding in
                Finding(finding.code, finding.severity, file: finding.file,
                        message: Catalog.text("sni.entry-finding", ["name": SafeText.escape(entry.names[0]), "message": finding.message]), hint: finding.hint)
            }
            guard let privateKey = report.privateKey, !report.hasErrors else { return nil }
            pairs.append(DefaultPairsPlanner.NewPair(key: privateKey, chain: report.servedChain))
        }
        if pairs.count == 2, pairs[0].type == pairs[1].type {
            findings.append(Finding(.additionalKeySameType, .error, file: entry.additionalKey?.privateKey,
                                    message: Catalog.text("answers.additional-key-same-type", ["type": pairs[0].type?.rawValue ?? "?"]),
                                    hint: Catalog.text("answers.additional-key-same-type.hint")))
            return nil
        }
        return pairs
    }

    /// The pairs of other key types the entry serves now (its first name's entry): a renewal
    /// of one type keeps the other.
    private func keptPairs(of entry: SNIAnswer, in presentation: ServerPresentation, besides pairs: [DefaultPairsPlanner.NewPair]) -> [DefaultPairsPlanner.NewPair] {
        guard entry.additionalKey == nil,
              let existing = presentation.entry(named: entry.names[0]) else { return [] }
        let types = pairs.map(\.type)
        return PairReader(inspector: inspector).pairs(existing.files).compactMap { pair in
            guard let type = pair.keyType, !types.contains(type), let key = pair.report.privateKey, !pair.report.hasErrors else { return nil }
            return DefaultPairsPlanner.NewPair(key: key, chain: pair.report.servedChain)
        }
    }

    /// `sni-entry-not-updated` for each entry of main.cf's maps that sends a name the new
    /// default certificate covers to other files the change leaves as they are.
    private func shadowedEntries(_ maps: [SNIMapInUse], answered: Set<String>, written: Set<String>, defaultLeaf: Certificate?) -> [Finding] {
        guard let covers = defaultLeaf?.coverage() else { return [] }
        var findings: [Finding] = []
        for map in maps {
            for entry in map.source?.entries ?? [] where !answered.contains(entry.name.lowercased()) && !entry.files.contains(where: written.contains) {
                guard covers(ServeProof.serverName(forMapKey: entry.name)) else { continue }
                findings.append(Finding(.sniEntryNotUpdated, .warning, file: map.reference.name,
                    message: Catalog.text("sni.plan.entry-not-updated", ["name": SafeText.escape(entry.name), "map": SafeText.escape(map.reference.type + ":" + map.reference.name),
                                                                          "files": entry.files.map(SafeText.escape).joinedAsList()]),
                    hint: Catalog.text("sni.plan.entry-not-updated.hint", ["name": SafeText.escape(entry.name)])))
            }
        }
        return findings
    }

    /// The map source with its new bytes, compared with the file as read.
    private func mapSourceFile(_ file: ConfigFileSnapshot, new bytes: [UInt8]) -> PlannedFile {
        let path = file.path
        return PlannedFile.make(purpose: Catalog.text("sni.plan.file.map"), role: .sniMap, path: path, content: .text(bytes),
                                mode: mode_t(file.status?.permissions ?? 0o600), ownedByRoot: false, fileSystem: fileSystem,
                                current: file.bytes, seen: .some(file.status)) { _ in
            UnifiedDiff.make(old: file.bytes, new: bytes, oldLabel: path, newLabel: path + Catalog.text("plan.diff.new-label"))
        }
    }
}

extension FindingCode {
    /// The SNI map in force cannot be edited by pftls (inline, regexp or pcre).
    public static let sniMapNotEditable: FindingCode = "sni-map-not-editable"
    /// An SNI entry keeps sending a name the new default certificate covers to other files.
    public static let sniEntryNotUpdated: FindingCode = "sni-entry-not-updated"
    /// The additional key has the same type as the first.
    public static let additionalKeySameType: FindingCode = "additional-key-same-type"
}
