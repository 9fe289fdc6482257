import FoundationEssentials

/// `check`'s look at where each installed certificate came from: `renewal-not-deployed`
/// when its source (the deploy ledger's record of it, or else a certbot lineage for the
/// same names) now holds a newer certificate that was never installed. A warning; an
/// error once the installed certificate is in its critical window or has expired.
public struct DeploymentAudit {
    /// The ledger to read; nil: none (only certbot's lineages are looked at).
    public var ledger: DeployLedger?
    /// certbot's lineages to look at; nil: none.
    public var certbot: CertbotScan?
    /// The Dovecot options the check was given (`--dovecot-config FILE`, `--no-dovecot`…),
    /// handed on to the `renew` it suggests, so that the renewal covers the same Dovecot.
    public var dovecotOptions: [String] = []
    let clock: WallClock
    let fileSystem: FileSystem
    let inspector: Inspector

    /// Creates the audit.
    public init(ledger: DeployLedger?, certbot: CertbotScan?, clock: WallClock = SystemClock(), fileSystem: FileSystem = LocalFileSystem(),
                inspector: Inspector = Inspector()) {
        self.ledger = ledger
        self.certbot = certbot
        self.clock = clock
        self.fileSystem = fileSystem
        self.inspector = inspector
    }

    /// One installed pair: the file holding its leaf, and the SNI map key it serves (nil: a default pair).
    struct Installed {
        let files: [String]
        let file: String
        let leaf: Certificate
        let keyType: ServerKeyType?
        let sni: String?
    }

    /// The findings for the default `pairs` and the SNI `entries` of `configDirectory`.
    public func findings(configDirectory: String, pairs: [PresentedPair], entries: [SNIEntryReport], expiry: ExpiryThresholds) -> [Finding] {
        let configDirectory = DirectoryKey.of(configDirectory)
        var installed: [Installed] = []
        var seen = Set<String>()
        func add(_ pair: PresentedPair, sni: String?) {
            guard let leaf = pair.leaf, let file = pair.report.chain.first?.file ?? pair.files.last,
                  seen.insert(file + " " + leaf.sha256FingerprintText + " " + (sni ?? "")).inserted else { return }
            installed.append(Installed(files: pair.files, file: file, leaf: leaf, keyType: pair.keyType, sni: sni))
        }
        pairs.forEach { add($0, sni: nil) }
        for entry in entries { entry.pairs.forEach { add($0, sni: entry.entry.name) } }
        guard !installed.isEmpty else { return [] }

        var findings: [Finding] = []
        var records: [DeployRecord] = []
        if let ledger {
            do {
                let read = try ledger.records(configDirectory: configDirectory)
                records = read.records
                if read.skipped > 0 {
                    let path = SafeText.escape(ledger.path)
                    findings.append(Finding(.ledgerUnusable, .warning, file: ledger.path,
                                            message: Catalog.text("ledger.skipped-lines.message", ["path": path, "count": "\(read.skipped)"]),
                                            hint: Catalog.text("ledger.skipped-lines.hint", ["path": path])))
                }
            } catch {
                findings.append(Finding(.ledgerUnusable, .warning, file: ledger.path, message: error.description,
                                        hint: Catalog.text("ledger.unusable.hint", ["directory": SafeText.escape(ledger.directory)])))
            }
        }
        let history = LedgerIndex(records.filter(\.installedFiles))
        var lineages: [CertbotScan.Lineage]?
        for pair in installed {
            // A recorded source whose certificate is gone or unreadable says nothing: certbot's lineages may.
            if let source = history.latestSource(of: pair.files, keyType: pair.keyType), let recorded = Recorded(source, inspector: inspector) {
                if let finding = judge(pair, recorded: recorded, history: history, configDirectory: configDirectory, expiry: expiry) {
                    findings.append(finding)
                }
                continue
            }
            guard let certbot else { continue }
            if lineages == nil { lineages = certbot.lineages(fileSystem: fileSystem, inspector: inspector) }
            guard let newest = source(of: pair, among: lineages ?? [], certbot: certbot, installed: installed, history: history) else { continue }
            let directory = certbot.lineageDirectory(newest.name)
            findings.append(finding(pair, candidate: newest.leaf, sourceFile: RenewalRequest.certbot(lineage: directory).certificate,
                                    command: .certbot(name: newest.name, root: certbot.root), configDirectory: configDirectory, expiry: expiry))
        }
        return findings
    }

    /// The certbot lineage holding an undeployed renewal of `pair`, when there is one: of the
    /// pair's key type, or of a type nothing here serves for these names (certbot 2 renews an
    /// RSA lineage as ECDSA when told to), never another pair's renewal. A configured lineage
    /// is the only one scanned; otherwise a lineage counts only when the installed leaf is one
    /// of its own certificates (preferred) or its certificate names exactly the installed names:
    /// a web server's lineage that also covers the mail name is not Postfix's.
    private func source(of pair: Installed, among lineages: [CertbotScan.Lineage], certbot: CertbotScan, installed: [Installed],
                        history: LedgerIndex) -> CertbotScan.Lineage? {
        let servedTypes = Set(installed.filter { $0.sni == pair.sni }.compactMap(\.keyType))
        let matching = lineages.filter { lineage in
            let type = ServerKeyType(lineage.leaf.keyAlgorithm)
            return (type == pair.keyType || type.map { !servedTypes.contains($0) } == true) && lineage.leaf.notBefore > pair.leaf.notBefore
                && UndeployedRenewal.isUndeployed(installed: pair.leaf, candidate: lineage.leaf,
                                                  everInstalled: history.wasInstalled(lineage.leaf, at: pair.files))
        }
        let newest = { (found: [CertbotScan.Lineage]) in found.max { $0.leaf.notBefore < $1.leaf.notBefore } }
        if certbot.configuredLineage != nil { return newest(matching) }
        let origins = matching.filter { certbot.issued(pair.leaf, in: $0, fileSystem: fileSystem, inspector: inspector) }
        if !origins.isEmpty { return newest(origins) }
        return newest(matching.filter { UndeployedRenewal.namesEqual(pair.leaf, $0.leaf) })
    }

    /// A ledger record's source as it is now: the file holding its certificate, that
    /// certificate, and the command that installs it; nil when the certificate cannot be read.
    struct Recorded {
        let command: SuggestedCommand.RenewSource
        let file: String
        let candidate: Certificate

        init?(_ source: DeploySource, inspector: Inspector) {
            if let lineage = source.certbotLineage {
                let (live, name) = AtomicFileWriter.split(lineage)
                command = .certbot(name: name, root: AtomicFileWriter.split(live).directory)
                file = RenewalRequest.certbot(lineage: lineage).certificate
            } else {
                command = .files(key: source.key?.path, certificate: source.certificate.path, chain: source.chain.map(\.path))
                file = source.certificate.path
            }
            guard let candidate = DeployRecordMaker(inspector: inspector).leaf(in: file) else { return nil }
            self.candidate = candidate
        }
    }

    /// The finding for `pair` when its `recorded` source holds an undeployed renewal.
    private func judge(_ pair: Installed, recorded: Recorded, history: LedgerIndex, configDirectory: String,
                       expiry: ExpiryThresholds) -> Finding? {
        let (candidate, file) = (recorded.candidate, recorded.file)
        guard candidate.notBefore > pair.leaf.notBefore else { return nil }
        let digest = (try? fileSystem.readFile(file, limit: 4 << 20)).map(LedgerDigest.sha256)
        let everInstalled = history.wasInstalled(candidate, at: pair.files) || digest.map { history.wasInstalled(from: file, digest: $0, at: pair.files) } == true
        guard UndeployedRenewal.isUndeployed(installed: pair.leaf, candidate: candidate, everInstalled: everInstalled) else { return nil }
        return finding(pair, candidate: candidate, sourceFile: file, command: recorded.command, configDirectory: configDirectory, expiry: expiry)
    }

    private func finding(_ pair: Installed, candidate: Certificate, sourceFile: String, command source: SuggestedCommand.RenewSource,
                         configDirectory: String, expiry: ExpiryThresholds) -> Finding {
        let now = clock.now
        let critical = pair.leaf.notAfter <= now || expiry.severity(of: pair.leaf, at: now) == .error
        let command = SuggestedCommand.renew(source: source, sni: pair.sni.map { [$0] } ?? [], stateDirectory: ledger?.directoryForCommands,
                                             options: dovecotOptions, configDirectory: configDirectory)
        var finding = Finding(.renewalNotDeployed, critical ? .error : .warning, file: pair.file,
                              message: Catalog.text("finding.renewal-not-deployed.message", [
                                  "file": SafeText.escape(pair.file), "installedNotAfter": UTCTimestamp.format(pair.leaf.notAfter),
                                  "source": SafeText.escape(sourceFile), "sourceNotAfter": UTCTimestamp.format(candidate.notAfter)]),
                              hint: Catalog.text("finding.renewal-not-deployed.hint", ["command": SafeText.escape(command)]))
        finding.command = command
        return finding
    }
}

/// The deploy ledger's records of runs that installed their files, indexed by path: a
/// check of a thousand SNI entries against two hundred records looks each file up once.
struct LedgerIndex {
    /// Per installed file, its entries in the newest record that names it.
    private var latest: [String: [InstalledEntry]] = [:]
    /// Per installed file, every leaf (SHA-256 of its DER) it was given.
    private var leaves: [String: Set<String>] = [:]
    /// Per source certificate file and installed file, every SHA-256 the source had when that file was installed from it.
    private var sourceHashes: [SourceAndFile: Set<String>] = [:]

    private struct SourceAndFile: Hashable {
        let source: String
        let installed: String
    }

    init(_ records: [DeployRecord]) {
        for record in records {
            var newest: [String: [InstalledEntry]] = [:]
            for entry in record.installed {
                newest[entry.path, default: []].append(entry)
                if let leaf = entry.leafSHA256 { leaves[entry.path, default: []].insert(leaf) }
                if let source = entry.source, let digest = source.certificate.sha256 {
                    sourceHashes[SourceAndFile(source: source.certificate.path, installed: entry.path), default: []].insert(digest)
                }
            }
            latest.merge(newest) { $1 }
        }
    }

    /// The newest record's source for a pair in `files` of `keyType`.
    func latestSource(of files: [String], keyType: ServerKeyType?) -> DeploySource? {
        files.lazy.compactMap { latest[$0]?.last { $0.source != nil && $0.leafSHA256 != nil && ($0.keyType == nil || $0.keyType == keyType?.rawValue) }?.source }.first
    }

    /// True when the ledger shows `source` installed into one of `files` once while it held the bytes of `digest`.
    func wasInstalled(from source: String, digest: String, at files: [String]) -> Bool {
        files.contains { sourceHashes[SourceAndFile(source: source, installed: $0)]?.contains(digest) == true }
    }

    /// True when the ledger shows `leaf` installed in one of `files` once.
    func wasInstalled(_ leaf: Certificate, at files: [String]) -> Bool {
        let fingerprint = Hex.lowercase(leaf.sha256Fingerprint)
        return files.contains { leaves[$0]?.contains(fingerprint) == true }
    }
}
