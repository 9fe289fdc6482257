import Foundation

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
    }

    let fileSystem: FileSystem
    let processes: ProcessRunner
    let inspector: Inspector
    let probe: ListenerProbing

    /// Creates an audit over the given environment.
    public init(fileSystem: FileSystem = LocalFileSystem(), processes: ProcessRunner = SystemProcessRunner(),
                inspector: Inspector = Inspector(), probe: ListenerProbing = TLSProbe(timeout: 5)) {
        self.fileSystem = fileSystem
        self.processes = processes
        self.inspector = inspector
        self.probe = probe
    }

    /// Audits the instance in `configDirectory`.
    public func run(configDirectory: String, warnDays: Int = 30, probing: Bool = true) -> Report {
        let installation = PostfixInstallation.detect(configDirectory: configDirectory, processes: processes)
        var findings: [Finding] = []
        guard let setup = TLSSetupInForce.read(configDirectory: configDirectory, fileSystem: fileSystem, defaults: installation.defaults) else {
            return Report(findings: [Finding(.unreadable, .error, file: configDirectory, message: "\(SafeText.escape(configDirectory)) has no readable main.cf and master.cf",
                                             hint: "Point --config-dir at the Postfix configuration directory.")],
                          services: [], filesInUse: [], leaf: nil, probes: [])
        }
        let main = setup.main
        let value = setup.value
        let files = setup.files
        let services = setup.services
        var report: InspectionReport?
        if files.isEmpty {
            findings.append(Finding(.tlsNotConfigured, .warning, file: configDirectory + "/main.cf",
                message: "\(SafeText.escape(configDirectory))/main.cf sets no server certificate (smtpd_tls_chain_files or smtpd_tls_cert_file)",
                hint: "Run `pftls` (the wizard) or `pftls apply` to set one up."))
        } else {
            let hostname = HostnameDefault(processes: processes).resolve(configDirectory: configDirectory)
            let inspection = inspector.inspect(paths: files + (value("smtpd_tls_CAfile").isEmpty ? [] : [value("smtpd_tls_CAfile")]),
                                               options: InspectionOptions(hostname: hostname, expiryWarningDays: warnDays))
            findings += inspection.findings.filter { $0.code != .unrelatedCertificate }
            findings += permissionFindings(inspection)
            report = inspection
        }
        for override in services.flatMap(\.overrideFiles) where !files.contains(override) {
            findings += inspector.inspect(paths: [override], options: InspectionOptions()).findings.filter { $0.severity == .error && $0.code != .noPrivateKey && $0.code != .noCertificate }
        }
        for name in MainConfigPlanner.obsolete.keys.sorted() where main.value(of: name) != nil {
            findings.append(Finding(.obsoleteSetting, .warning, file: configDirectory + "/main.cf",
                message: "\(SafeText.escape(configDirectory))/main.cf sets \(name), which Postfix no longer needs (\(MainConfigPlanner.obsolete[name]!))",
                hint: "Remove it; smtpd_tls_security_level and smtp_tls_security_level take its place."))
        }
        var probes: [(ServiceTLS, ProbeResult)] = []
        if probing, installation.isRunning, let leaf = report?.leaf {
            for service in services where service.mode != .none {
                guard let port = service.port else { continue }
                let result = probe.probe(host: service.host, port: port, mode: service.mode == .implicit ? .implicit : .startTLS, serverName: nil)
                probes.append((service, result))
                findings += probeFindings(service, result: result, leaf: leaf)
            }
        }
        return Report(findings: findings, services: services, filesInUse: files, leaf: report?.leaf, probes: probes)
    }

    private func permissionFindings(_ report: InspectionReport) -> [Finding] {
        report.files.filter { file in file.items.contains { if case .privateKey = $0.object { true } else { false } } }.compactMap { file in
            guard let status = try? fileSystem.statusFollowingLinks(of: file.path) else { return nil }
            guard status.isReadableByGroupOrOthers || status.isWritableByGroupOrOthers || status.ownerID != 0 else { return nil }
            return Finding(.keyPermissions, .error, file: file.path,
                message: "\(SafeText.escape(file.path)) holds a private key but has mode \(String(status.permissions, radix: 8)) and owner uid \(status.ownerID)",
                hint: "Run `chown root:root \(SafeText.escape(file.path)) && chmod 600 \(SafeText.escape(file.path))`.")
        } + report.files.compactMap { file in
            let directory = AtomicFileWriter.split(file.path).directory
            return DirectorySafety(fileSystem: fileSystem).check(directory).first { $0.severity == .error }
        }
    }

    private func probeFindings(_ service: ServiceTLS, result: ProbeResult, leaf: Certificate) -> [Finding] {
        let place = "\(SafeText.escape(service.name)) (\(service.host) port \(service.port ?? 0), \(service.mode.rawValue))"
        switch result {
        case .served(let chain) where chain.first.map { $0.isSame(as: leaf) } == true:
            return []
        case .served(let chain):
            return [Finding(.staleServedCertificate, .error, file: nil,
                message: "\(place) serves sha256 \(chain.first?.sha256FingerprintText ?? "?"), not the certificate on disk (sha256 \(leaf.sha256FingerprintText))",
                hint: "run postfix reload")]
        case .failed(let reason):
            return [Finding(.tlsHandshakeFailed, .error, file: nil, message: "\(place): \(reason)",
                            hint: "Check the key and certificate with `pftls inspect`, then the mail log; run postfix reload after fixing them.")]
        }
    }
}
