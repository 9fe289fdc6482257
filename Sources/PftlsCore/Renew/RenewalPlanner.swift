/// Turns "renew with these files" into answers for the ordinary plan, keeping
/// what is in use: the directory, the layout, the levels and the services.
public struct RenewalPlanner {
    let fileSystem: FileSystem
    let installation: PostfixInstallation
    let inspector: Inspector

    /// The set-up in force: its answers, the certificate it serves (nil when unreadable) and its key file.
    public typealias InForce = (answers: Answers, leaf: Certificate?, keyFile: String)

    /// Creates a planner for the instance described by `installation`.
    public init(fileSystem: FileSystem, installation: PostfixInstallation, inspector: Inspector) {
        self.fileSystem = fileSystem
        self.installation = installation
        self.inspector = inspector
    }

    /// The set-up in force, as answers, plus the current leaf and key file; or a finding why there is none.
    public func current() -> Result<InForce, RenewalProblem> {
        let directory = installation.configDirectory
        guard let setup = TLSSetupInForce.read(configDirectory: directory, fileSystem: fileSystem, defaults: installation.defaults) else {
            return .failure(RenewalProblem(Catalog.text("RenewalPlanner.text", ["directory": "\(SafeText.escape(directory))"])))
        }
        let value = setup.value
        let layout = setup.layout
        let files = setup.files
        guard let first = files.first else {
            return .failure(RenewalProblem(Catalog.text("RenewalPlanner.text2", ["directory": "\(SafeText.escape(directory))"])))
        }
        let report = inspector.inspect(paths: files, options: InspectionOptions())
        let keyFile = report.files.first { $0.items.contains { if case .privateKey = $0.object { true } else { false } } }?.path ?? files.last!
        let services = setup.services.compactMap(Self.answer(for:))
        let smtpLevel = value("smtp_tls_security_level")
        let answers = Answers(certificateDirectory: AtomicFileWriter.split(first).directory, privateKey: keyFile, certificate: first,
                              intermediates: [], smtpdSecurityLevel: Answers.smtpdLevels.contains(value("smtpd_tls_security_level")) ? value("smtpd_tls_security_level") : "may",
                              smtpSecurityLevel: Answers.smtpLevels.contains(smtpLevel) ? smtpLevel : "may",
                              services: services, layout: layout, hostname: nil, dedicatedNonMX: true,
                              smtpdCAfile: !value("smtpd_tls_CAfile").isEmpty && layout == .separateFiles)
        return .success((answers, report.leaf, keyFile))
    }

    /// A TLS listener as the service it plays, by its TLS mode.
    static func answer(for service: ServiceTLS) -> Answers.Service? {
        let name: Answers.ServiceName
        switch service.mode {
        case .none: return nil
        case .offered: name = .smtp
        case .required: name = .submission
        case .implicit: name = .submissions
        }
        let standard = ["smtp", "25", "submission", "587", "submissions", "smtps", "465"]
        return Answers.Service(name: name, listen: standard.contains(service.name) ? nil : service.name)
    }

    /// `tlsa-rollover` when `new` has another key than `old`: a DANE `3 1 1` record for
    /// the new key must be published next to the old one before the switch.
    public static func keyRollover(old: Certificate?, new: Certificate?, file: String) -> [Finding] {
        guard let old, let new else { return [] }
        let (before, after) = (old.subjectPublicKeyInfoSHA256, new.subjectPublicKeyInfoSHA256)
        guard !after.isEmpty, before != after else { return [] }
        return [Finding(.tlsaRollover, .warning, file: file,
                        message: Catalog.text("finding.tlsaRollover.message", ["value": "\(Hex.lowercase(after))"]),
                        hint: Catalog.text("finding.tlsaRollover.hint", ["value": "\(Hex.lowercase(before).prefix(16))"]))]
    }

    /// `names-dropped` when `new` stops covering a DNS name or address `old` had (a wildcard
    /// still covers the names under it). A warning, or with `refused` an error that stops
    /// the renewal until it is asked for (`renew --allow-names-dropped`).
    public static func droppedNames(old: Certificate?, new: Certificate?, file: String, refused: Bool = false) -> [Finding] {
        guard let old, let new else { return [] }
        let dropped = old.subjectAlternativeNames.filter { entry in
            !new.subjectAlternativeNames.contains(entry) && !(NamesInUse.value(ofEntry: entry).map(new.covers(name:)) ?? false)
        }
        guard !dropped.isEmpty else { return [] }
        return [Finding(.namesDropped, refused ? .error : .warning, file: file,
                        message: Catalog.text("finding.namesDropped.message", ["file": "\(SafeText.escape(file))", "value": "\(dropped.joinedAsList())"]),
                        hint: Catalog.text(refused ? "renew.names-dropped.refused.hint" : "finding.namesDropped.hint"))]
    }
}

/// Why a renewal cannot start.
public struct RenewalProblem: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
