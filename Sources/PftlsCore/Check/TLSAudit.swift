import FoundationEssentials
import Glibc

/// `pftls check`: audits the TLS set-up in force. Finds the files in use (main.cf
/// and per-service `-o` overrides), runs the engine on them, audits permissions
/// and deprecated settings, lists each smtpd listener with its TLS mode, and
/// probes every TLS listener to compare the served leaf with the file on disk.
public struct TLSAudit {
    /// What the audit found.
    public struct Report {
        public let findings: [Finding]
        public let services: [ServiceTLS]
        public let filesInUse: [String]
        /// The leaf on disk, when the files could be read.
        public let leaf: Certificate?
        /// Each probed listener and what it served.
        public let probes: [(service: ServiceTLS, result: ProbeResult)]
        /// The chain in the files in use, leaf first.
        public var chain: [ChainEntry] = []
        /// The expiry thresholds the audit ran with.
        public var expiry = ExpiryThresholds()
        /// False when the configuration could not be read, so nothing was checked.
        public var configurationRead = true
        /// Dovecot's part, when the audit covered Dovecot.
        public var dovecot: DovecotReport?

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
        let value = setup.value
        let files = setup.files
        let services = setup.services
        var report: InspectionReport?
        var hostname: String?
        if files.isEmpty {
            findings.append(Finding(.tlsNotConfigured, .warning, file: configDirectory + "/main.cf",
                message: Catalog.text("finding.tlsNotConfigured.message", ["configDirectory": "\(SafeText.escape(configDirectory))"]),
                hint: Catalog.text("finding.tlsNotConfigured.hint")))
        } else {
            hostname = installation.hostname
            let inspection = inspector.inspect(paths: files + (value("smtpd_tls_CAfile").isEmpty ? [] : [value("smtpd_tls_CAfile")]),
                                               options: expiry.applied(to: InspectionOptions(hostname: hostname, names: names,
                                                                                             privateCA: privateCA)))
            findings += inspection.findings.filter { $0.code != .unrelatedCertificate }
            findings += permissionFindings(inspection)
            report = inspection
        }
        for override in services.flatMap(\.overrideFiles) where !files.contains(override) {
            findings += inspector.inspect(paths: [override], options: InspectionOptions()).findings.filter { $0.severity == .error && $0.code != .noPrivateKey && $0.code != .noCertificate }
        }
        for name in MainConfigPlanner.obsolete.keys.sorted() where main.value(of: name) != nil {
            findings.append(Finding(.obsoleteSetting, .warning, file: configDirectory + "/main.cf",
                message: Catalog.text("finding.obsoleteSetting.message", ["configDirectory": "\(SafeText.escape(configDirectory))", "name": "\(name)", "reason": "\(MainConfigPlanner.obsolete[name]!)"]),
                hint: Catalog.text("finding.obsoleteSetting.hint")))
        }
        findings += ConfigRules(setup: setup, installation: installation).findings()
        var probes: [(ServiceTLS, ProbeResult)] = []
        if probing, installation.isRunning(with: setup), let leaf = report?.leaf {
            for service in services where service.mode != .none {
                guard let port = service.port else { continue }
                let result = probe.probe(host: service.host, port: port, mode: service.mode == .implicit ? .implicit : .startTLS, serverName: nil)
                probes.append((service, result))
                findings += probeFindings(service, result: result, leaf: leaf, installed: report?.servedChain ?? [leaf])
            }
        }
        if let dns, let report, !report.chain.isEmpty {
            // What senders see: the chain served on port 25 (or any listener), else the one on disk.
            let served = probes.first { $0.0.mode == .offered }?.1.chain ?? probes.lazy.compactMap(\.1.chain).first
            let lookups = dns.lookUp(hostname: hostname, value: installation.configured.value)
            findings += dns.served(chain: served ?? report.chain.map(\.certificate), file: report.chain[0].file, lookups: lookups,
                                   known: names + [hostname].compactMap { $0 })
        }
        let dovecotReport = dovecot.map { audit($0, expiry: expiry, probing: probing, hostname: hostname ?? installation.hostname, postfixLeaf: report?.leaf) }
        var result = Report(findings: findings + (dovecotReport?.findings ?? []), services: services, filesInUse: files, leaf: report?.leaf,
                            probes: probes, chain: report?.chain ?? [], expiry: expiry)
        result.dovecot = dovecotReport
        return result
    }

    func permissionFindings(_ report: InspectionReport) -> [Finding] {
        report.files.filter { file in file.items.contains { if case .privateKey = $0.object { true } else { false } } }.compactMap { file in
            guard let status = try? fileSystem.statusFollowingLinks(of: file.path) else { return nil }
            guard status.isReadableByGroupOrOthers || status.isWritableByGroupOrOthers || status.ownerID != 0 else { return nil }
            return Finding(.keyPermissions, .error, file: file.path,
                message: Catalog.text("finding.keyPermissions.message", ["path": "\(SafeText.escape(file.path))", "mode": "\(String(status.permissions, radix: 8))", "ownerID": "\(status.ownerID)"]),
                hint: Catalog.text("finding.keyPermissions.hint", ["path": "\(SafeText.escape(file.path))"]))
        } + report.files.compactMap { file in
            let directory = AtomicFileWriter.split(file.path).directory
            return DirectorySafety(fileSystem: fileSystem).check(directory).first { $0.severity == .error }
        }
    }

    private func probeFindings(_ service: ServiceTLS, result: ProbeResult, leaf: Certificate, installed: [Certificate]) -> [Finding] {
        let place = Catalog.text("check.listener", ["service": SafeText.escape(service.name), "host": service.host, "port": "\(service.port ?? 0)", "mode": service.mode.label])
        let address = service.host.contains(":") ? "[\(service.host)]:\(service.port ?? 0)" : "\(service.host):\(service.port ?? 0)"
        switch result {
        case .served(let chain) where chain.first.map { $0.isSame(as: leaf) } == true:
            return ServedChain(trustStore: trustStore, privateCA: privateCA).finding(place: place, served: chain, installed: installed).map { [$0] } ?? []
        case .served(let chain):
            return [Finding(.staleServedCertificate, .error, file: nil,
                message: Catalog.text("finding.staleServedCertificate.message", ["place": "\(place)", "servedSha256": "\(chain.first?.sha256FingerprintText ?? "?")", "diskSha256": "\(leaf.sha256FingerprintText)"]),
                hint: Catalog.text("finding.staleServedCertificate.hint", ["address": SafeText.escape(address), "port": "\(service.port ?? 0)"]))]
        case .failed(let reason, _):
            return [Finding(.tlsHandshakeFailed, .error, file: nil, message: Catalog.text("check.listener.failed", ["place": place, "reason": "\(reason)"]),
                            hint: Catalog.text("finding.tlsHandshakeFailed.hint"))]
        }
    }
}
