/// Turns "renew with these files" into answers for the ordinary plan, keeping
/// what is in use: the directory, the layout, the levels and the services.
public struct RenewalPlanner {
    let inspector: Inspector

    /// The set-up in force: its answers, the certificate it serves (nil when unreadable) and its key file.
    public typealias InForce = (answers: Answers, leaf: Certificate?, keyFile: String)

    /// Creates a planner that inspects the files in use with `inspector`.
    public init(inspector: Inspector) {
        self.inspector = inspector
    }

    /// `setup` (as the command read it) as answers, plus the current leaf and key file; or
    /// why there is nothing to renew. `inspection` is the inspection of `setup.files` when the
    /// caller has made it already (the Start screen): the files are then not read again.
    public func current(_ setup: TLSSetupInForce, inspection: InspectionReport? = nil) -> Result<InForce, RenewalProblem> {
        let value = setup.value
        let layout = setup.layout
        let files = setup.files
        guard let first = files.first, let last = files.last else { return .failure(RenewalProblem(notConfigured: setup.mainFile.path)) }
        let report = inspection ?? inspector.inspect(paths: files, options: InspectionOptions())
        let keyFile = report.files.first { $0.items.contains { if case .privateKey = $0.object { true } else { false } } }?.path ?? last
        // The leaf's file, and the other files with certificates (a key file listed before a
        // fullchain file, as `smtpd_tls_chain_files = KEY, CERT` or the legacy settings have it).
        let certificateFile = report.chain.first?.file ?? first
        let intermediates = report.files.filter { file in
            file.path != keyFile && file.path != certificateFile && !file.holdsKey
                && file.items.contains { if case .certificate = $0.object { true } else { false } }
        }.map(\.path)
        let services = setup.services.compactMap(Self.answer(for:))
        let smtpLevel = value("smtp_tls_security_level")
        let answers = Answers(certificateDirectory: AtomicFileWriter.split(first).directory, privateKey: keyFile, certificate: certificateFile,
                              intermediates: intermediates, smtpdSecurityLevel: Answers.smtpdLevels.contains(value("smtpd_tls_security_level")) ? value("smtpd_tls_security_level") : "may",
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
                        message: Catalog.text("finding.tlsaRollover.message", ["newTLSA": "\(Hex.lowercase(after))"]),
                        hint: Catalog.text("finding.tlsaRollover.hint", ["oldTLSAPrefix": "\(Hex.lowercase(before).prefix(16))"]))]
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
                        message: Catalog.text("finding.namesDropped.message", ["file": "\(SafeText.escape(file))", "names": "\(dropped.joinedAsList())"]),
                        hint: Catalog.text(refused ? "renew.names-dropped.refused.hint" : "finding.namesDropped.hint"))]
    }
}
