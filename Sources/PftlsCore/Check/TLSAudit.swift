import FoundationEssentials
import Glibc

/// `pftls check`: audits the TLS set-up in force. Finds the files in use (main.cf
/// and per-service `-o` overrides), runs the engine on each key+chain pair on its own
/// (RSA and ECDSA side by side are two pairs), audits permissions and deprecated
/// settings, audits every SNI map in force entry by entry, lists each smtpd listener with
/// its TLS mode, and probes every TLS listener, per key type and per SNI name, to compare
/// the served leaf with the files on disk.
public struct TLSAudit {
    /// What the audit found.
    public struct Report {
        public internal(set) var findings: [Finding]
        public let services: [ServiceTLS]
        public let filesInUse: [String]
        /// The leaf on disk, when the files could be read: the first default pair's.
        public let leaf: Certificate?
        /// Each probed listener and what it served to a client sending no name: the first
        /// key type's probe when the default pairs hold several.
        public let probes: [(service: ServiceTLS, result: ProbeResult)]
        /// The chain in the files in use, leaf first: the first default pair's.
        public var chain: [ChainEntry] = []
        /// The expiry thresholds the audit ran with.
        public var expiry = ExpiryThresholds()
        /// False when the configuration could not be read, so nothing was checked.
        public var configurationRead = true
        /// Dovecot's part, when the audit covered Dovecot.
        public var dovecot: DovecotReport?
        /// The default pairs in load order, each inspected on its own.
        public var pairs: [PresentedPair] = []
        /// The SNI maps in force (main.cf's, then master.cf `-o` overrides'), each audited.
        public var sniMaps: [SNIMapReport] = []
        /// Every probe planned, in a stable order: per listener the default pairs, then its SNI names.
        public var listenerProbes: [ListenerProbe] = []

        /// The verdict every output format gives.
        public var verdict: CheckVerdict { CheckVerdict(findings, configurationRead: configurationRead) }
        /// The finding that decides the verdict, the one to name first.
        public var decisiveFinding: Finding? { CheckVerdict.decisive(findings) }
    }

    let fileSystem: FileSystem
    let processes: ProcessRunner
    let inspector: Inspector
    let probe: ListenerProbing
    /// The certificate comes from a private CA whose clients hold its root (`--private-ca`).
    public var privateCA = false
    /// What a served chain may end at.
    var trustStore: TrustStore = .system()
    /// How many probes run at once.
    public var probeWidth = 8
    /// No probe starts after this; a probe still running then is reported unfinished.
    public var probeDeadline: Duration = .seconds(120)
    /// Where the installed certificates came from (`renewal-not-deployed`); nil: not looked at.
    public var deployment: DeploymentAudit? = nil

    /// Creates an audit over the given environment.
    public init(fileSystem: FileSystem = LocalFileSystem(), processes: ProcessRunner = SystemProcessRunner(),
                inspector: Inspector = Inspector(), probe: ListenerProbing = TLSProbe(timeout: 5)) {
        self.fileSystem = fileSystem
        self.processes = processes
        self.inspector = inspector
        self.probe = probe
    }

    /// Audits the instance in `configDirectory`, `expiry` deciding when `expires-soon` is
    /// a warning and when an error. `dns` checks the MX names of this host and the
    /// published TLSA records against what is served; nil skips DNS.
    public func run(configDirectory: String, expiry: ExpiryThresholds = ExpiryThresholds(), probing: Bool = true,
                    names: [String] = [], dns: MailDNSCheck? = nil, dovecot: DovecotSituation? = nil) -> Report {
        let installation = PostfixInstallation.detect(configDirectory: configDirectory, processes: processes)
        var findings: [Finding] = []
        let setup: TLSSetupInForce
        switch TLSSetupInForce.read(installation, fileSystem: fileSystem) {
        case .success(let read): setup = read
        case .failure(let error):
            return Report(findings: [error.finding], services: [], filesInUse: [], leaf: nil, probes: [], expiry: expiry, configurationRead: false)
        }
        let main = setup.main
        let services = setup.services
        let hostname = installation.hostname
        let presentation = presentation(of: setup, hostname: hostname, names: names, expiry: expiry)
        let first = presentation.pairs.first?.report
        if presentation.pairs.isEmpty {
            findings.append(Finding(.tlsNotConfigured, .warning, file: configDirectory + "/main.cf",
                message: Catalog.text("finding.tlsNotConfigured.message", ["configDirectory": "\(SafeText.escape(configDirectory))"]),
                hint: Catalog.text("finding.tlsNotConfigured.hint")))
        } else {
            findings += presentation.pairs.flatMap { $0.report.findings.filter { $0.code != .unrelatedCertificate } }
            findings += presentation.pairs.sameTypeFindings(reload: SuggestedCommand.postfix("reload", configDirectory: configDirectory))
            findings += permissionFindings(presentation.pairs.flatMap(\.report.files))
        }
        let files = setup.files
        for override in services.flatMap(\.overrideFiles) where !files.contains(override) {
            findings += inspector.inspect(paths: [override], options: InspectionOptions()).findings.filter { $0.severity == .error && $0.code != .noPrivateKey && $0.code != .noCertificate }
        }
        for name in MainConfigPlanner.obsolete.keys.sorted() where main.value(of: name) != nil {
            findings.append(Finding(.obsoleteSetting, .warning, file: configDirectory + "/main.cf",
                message: Catalog.text("finding.obsoleteSetting.message", ["configDirectory": "\(SafeText.escape(configDirectory))", "name": "\(name)", "reason": "\(MainConfigPlanner.obsolete[name]!)"]),
                hint: Catalog.text("finding.obsoleteSetting.hint")))
        }
        findings += ConfigRules(setup: setup, installation: installation).findings()
        let maps = audit(maps: presentation.maps, expiry: expiry, configDirectory: configDirectory)
        findings += maps.flatMap(\.findings)
        findings += permissionFindings(maps.flatMap(\.entries).flatMap(\.pairs).flatMap(\.report.files))
        findings += deployment?.findings(configDirectory: configDirectory, pairs: presentation.pairs, entries: maps.flatMap(\.entries), expiry: expiry) ?? []
        let indexes = SNIIndexes(maps: maps, setup: setup)
        var probes: [ListenerProbe] = []
        if probing, installation.isRunning(with: setup), first?.leaf != nil {
            probes = run(ListenerProbe.plan(services: services, pairs: presentation.pairs, indexes: indexes.index(for:)))
            let reload = SafeText.escape(SuggestedCommand.postfix("reload", configDirectory: configDirectory))
            findings += probes.flatMap { self.findings(of: $0, reload: reload) } + unfinished(probes, deadline: probeDeadline)
        }
        let staged = stagedNextKeys(setup, pairs: presentation.pairs, configDirectory: configDirectory)
        findings += staged.findings
        if let dns, let first, !first.chain.isEmpty {
            let lookups = dns.lookUp(hostname: hostname, value: installation.configured.value)
            findings += dns.served(chains: { name in Self.chains(for: name, pairs: presentation.pairs, indexes: indexes, probes: probes) },
                                   lookups: lookups, known: names + [hostname].compactMap { $0 })
            findings += nextKeyFindings(staged.keys, lookups: lookups, pairs: presentation.pairs, maps: maps, probes: probes) { name in
                Self.chains(for: name, pairs: presentation.pairs, indexes: indexes, probes: probes)
            }
        }
        let sniLeaves = Dictionary(maps.flatMap(\.entries).map { ($0.entry.name.lowercased(), $0.pairs.compactMap(\.leaf)) }) { first, _ in first }
        let dovecotReport = dovecot.map { audit($0, expiry: expiry, probing: probing, hostname: hostname, postfixLeaves: presentation.pairs.compactMap(\.leaf),
                                                postfixSNILeaves: sniLeaves) }
        let defaultProbes = probes.filter { $0.serverName == nil }.reduce(into: [(service: ServiceTLS, result: ProbeResult)]()) { list, probe in
            guard let result = probe.result, !list.contains(where: { $0.service == probe.service }) else { return }
            list.append((probe.service, result))
        }
        var result = Report(findings: findings + (dovecotReport?.findings ?? []), services: services, filesInUse: presentation.files,
                            leaf: first?.leaf, probes: defaultProbes, chain: first?.chain ?? [], expiry: expiry)
        result.dovecot = dovecotReport
        result.pairs = presentation.pairs
        result.sniMaps = maps
        result.listenerProbes = probes
        return result
    }

    /// The default pairs, each inspected with the CA file OpenSSL may complete its chain
    /// from, and the SNI maps in force. A key file named without its certificate is still
    /// inspected, so that `no-certificate` says what is missing.
    private func presentation(of setup: TLSSetupInForce, hostname: String?, names: [String], expiry: ExpiryThresholds) -> ServerPresentation {
        let caFile = setup.value("smtpd_tls_CAfile")
        let options = expiry.applied(to: InspectionOptions(hostname: hostname, names: names, privateCA: privateCA))
        let issuers = caFile.isEmpty ? [] : [caFile]
        let read = ServerPresentation.read(setup, fileSystem: fileSystem, inspector: inspector, options: options, issuers: issuers)
        guard read.pairs.isEmpty, !setup.files.isEmpty else { return read }
        return ServerPresentation(pairs: PairReader(inspector: inspector).pairs(setup.files, issuers: issuers, options: options), maps: read.maps)
    }

    /// Runs `planned` probes, a few at a time, within the deadline; order kept.
    private func run(_ planned: [ListenerProbe]) -> [ListenerProbe] {
        let probe = self.probe
        let results = BoundedThreads.run(planned.count, width: probeWidth, deadline: probeDeadline, grace: .seconds(15)) { index in
            let planned = planned[index]
            let service = planned.service
            return probe.probe(host: service.host, port: service.port ?? 0, mode: service.mode == .implicit ? .implicit : .startTLS,
                               serverName: planned.serverName, keyType: planned.keyType)
        }
        return zip(planned, results).map { planned, result in
            var made = planned
            made.result = result
            return made
        }
    }

    /// The chains a DANE sender gets for MX name `name` on port 25 (or the first STARTTLS
    /// listener, else any): the SNI entry's pairs when one matches the name, else the default
    /// pairs; each as served when a probe saw it, else as on disk.
    static func chains(for name: String, pairs: [PresentedPair], indexes: SNIIndexes, probes: [ListenerProbe]) -> [PresentedChain] {
        let listener = probes.first { $0.service.port == 25 }?.service ?? probes.first { $0.service.mode == .offered }?.service ?? probes.first?.service
        let entry = indexes.index(for: listener).entry(for: name)
        let presented = entry?.pairs ?? pairs
        let several = presented.keyTypes.count > 1
        return presented.compactMap { pair -> PresentedChain? in
            guard let file = pair.report.chain.first?.file else { return nil }
            let type = several ? pair.keyType : nil
            let served = probes.first { probe in
                probe.service == listener && probe.keyType == type && probe.entry == entry?.entry.name
                    && (entry == nil ? probe.serverName == nil : probe.serverName == entry?.entry.probeName)
            }?.result?.chain
            return PresentedChain(keyType: pair.keyType, chain: served ?? pair.report.chain.map(\.certificate), file: file)
        }
    }

    /// Key files readable by group or others or not owned by root, and unsafe directories
    /// holding them; each file and each directory once.
    func permissionFindings(_ files: [DecodedFile]) -> [Finding] {
        var seen = Set<String>()
        var directories = Set<String>()
        var findings: [Finding] = []
        for file in files where file.holdsKey && seen.insert(file.path).inserted {
            if let status = try? fileSystem.statusFollowingLinks(of: file.path),
               status.isReadableByGroupOrOthers || status.isWritableByGroupOrOthers || status.ownerID != 0 {
                findings.append(Finding(.keyPermissions, .error, file: file.path,
                    message: Catalog.text("finding.keyPermissions.message", ["path": "\(SafeText.escape(file.path))", "mode": "\(String(status.permissions, radix: 8))", "ownerID": "\(status.ownerID)"]),
                    hint: Catalog.text("finding.keyPermissions.hint", ["path": "\(SafeText.escape(file.path))"])))
            }
        }
        for file in files where directories.insert(AtomicFileWriter.split(file.path).directory).inserted {
            if let unsafe = DirectorySafety(fileSystem: fileSystem).check(AtomicFileWriter.split(file.path).directory).first(where: { $0.severity == .error }) {
                findings.append(unsafe)
            }
        }
        return findings
    }

    func permissionFindings(_ report: InspectionReport) -> [Finding] { permissionFindings(report.files) }
}
