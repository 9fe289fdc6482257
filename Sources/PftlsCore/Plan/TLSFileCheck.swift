/// Makes sure every file the SMTP server will read after the change is there: the chain
/// files, the certificate and key files, `smtpd_tls_CAfile` and `smtpd_tls_CApath`, in
/// main.cf and in the `-o` overrides of every smtpd service. A missing `smtpd_tls_CAfile`
/// that only held the intermediates (the guide's use of it) is removed when the served
/// chain carries them; anything else missing refuses the plan before a byte is written.
struct TLSFileCheck {
    let fileSystem: FileSystem
    let defaults: PostfixDefaults
    /// Files the plan installs: they count as present.
    let planned: Set<String>
    let mainPath: String
    let masterPath: String

    /// Settings whose value is a list of files.
    static let fileSettings = ["smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_eccert_file",
                               "smtpd_tls_eckey_file", "smtpd_tls_dcert_file", "smtpd_tls_dkey_file", "smtpd_tls_CAfile"]

    /// What the check found, and the settings it removed from main.cf.
    struct Outcome {
        var findings: [Finding] = []
        var removed: Set<String> = []
    }

    /// Checks `main` and `master` as planned; may remove a superseded `smtpd_tls_CAfile` from `main`.
    func check(main: inout MainConfig, master: MasterConfig, servedChainHasIntermediates: Bool) -> Outcome {
        var findings: [Finding] = []
        var removed: Set<String> = []
        let current = main
        let lookup: (String) -> String? = { current.value(of: $0) ?? defaults[$0] }
        for problem in missing(lookup: lookup, where: SafeText.escape(mainPath)) {
            if problem.setting == "smtpd_tls_CAfile" && servedChainHasIntermediates && main.value(of: "smtpd_tls_CAfile") != nil {
                main.remove("smtpd_tls_CAfile")
                removed.insert("smtpd_tls_CAfile")
                findings.append(Finding(.tlsFileMissing, .warning, file: mainPath,
                    message: Catalog.text("finding.tlsFileMissing.message", ["mainPath": "\(SafeText.escape(mainPath))", "path": "\(SafeText.escape(problem.path))", "reason": "\(problem.reason)"]),
                    hint: ChangeLedger.hint(for: "smtpd_tls_CAfile", removed: true)))
                continue
            }
            findings.append(refusal(problem, where: SafeText.escape(mainPath)))
        }
        for entry in master.services where entry.service.command == "smtpd" && !entry.service.options.isEmpty {
            let service = entry.service
            let overrides = Dictionary(service.options.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            let serviceLookup: (String) -> String? = { overrides[$0] ?? lookup($0) }
            guard Self.fileSettings.contains(where: { overrides[$0] != nil }) || overrides["smtpd_tls_CApath"] != nil else { continue }
            let place = "\(SafeText.escape(masterPath)), line \(entry.lineNumber), \(service.key)"
            findings += missing(lookup: serviceLookup, where: place, only: Set(overrides.keys)).map { refusal($0, where: place) }
        }
        return Outcome(findings: findings, removed: removed)
    }

    private struct Problem {
        let setting: String
        let path: String
        let reason: String
    }

    private func missing(lookup: @escaping (String) -> String?, where place: String, only: Set<String>? = nil) -> [Problem] {
        let expander = ParameterExpander(lookup: lookup)
        let value: (String) -> String = { name in lookup(name).map { expander.expand($0, expanding: [name]) } ?? "" }
        let chainFiles = value("smtpd_tls_chain_files")
        var problems: [Problem] = []
        for setting in Self.fileSettings + ["smtpd_tls_CApath"] where only?.contains(setting) ?? true {
            // With smtpd_tls_chain_files set, Postfix ignores the legacy certificate and key settings.
            if !chainFiles.isEmpty && setting != "smtpd_tls_chain_files" && setting != "smtpd_tls_CAfile" && setting != "smtpd_tls_CApath" { continue }
            for path in Self.paths(value(setting)) where !planned.contains(path) {
                if let reason = problem(with: path, directory: setting == "smtpd_tls_CApath") {
                    problems.append(Problem(setting: setting, path: path, reason: reason))
                }
            }
        }
        return problems
    }

    private func refusal(_ problem: Problem, where place: String) -> Finding {
        Finding(.tlsFileMissing, .error, file: problem.path,
            message: Catalog.text("finding.tlsFileMissing.serverWouldFail", ["place": "\(place)", "setting": "\(problem.setting)", "path": "\(SafeText.escape(problem.path))", "reason": "\(problem.reason)"]),
            hint: Catalog.text("finding.tlsFileMissing.hint", ["setting": "\(problem.setting)"]))
    }

    /// The file names of a list value: separated by commas and whitespace.
    static func paths(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init).filter { !$0.isEmpty }
    }

    private func problem(with path: String, directory: Bool) -> String? {
        guard path.hasPrefix("/") else { return nil }
        guard let status = try? fileSystem.statusFollowingLinks(of: path) else { return Catalog.text("check.file.missing") }
        if directory != (status.kind == .directory) { return directory ? Catalog.text("check.file.notDirectory") : Catalog.text("check.file.notRegular") }
        if !directory, (try? fileSystem.readFile(path, limit: 16 << 20)) == nil { return Catalog.text("check.file.unreadable") }
        return nil
    }
}
