/// Brings main.cf to the chosen TLS settings, changing only TLS parameters.
struct MainConfigPlanner {
    let installation: PostfixInstallation

    /// Settings Postfix no longer needs or honours; they are removed with a finding.
    static var obsolete: [String: String] { [
        "smtpd_use_tls": Catalog.text("plan.obsolete.replacedBySmtpdLevel"),
        "smtpd_enforce_tls": Catalog.text("plan.obsolete.replacedBySmtpdLevel"),
        "smtp_use_tls": Catalog.text("plan.obsolete.replacedBySmtpLevel"),
        "smtp_enforce_tls": Catalog.text("plan.obsolete.replacedBySmtpLevel"),
        "smtp_tls_enforce_peername": Catalog.text("plan.obsolete.replacedBySmtpLevel"),
        "smtpd_tls_dh1024_param_file": Catalog.text("plan.obsolete.dhParameters"),
        "smtpd_tls_eecdh_grade": Catalog.text("plan.obsolete.eecdhGrade"),
        "tls_eecdh_auto_curves": Catalog.text("plan.obsolete.autoCurves"),
    ] }

    /// The legacy server certificate settings that `smtpd_tls_chain_files` replaces.
    static let legacyServerFiles = ["smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_eccert_file",
                                    "smtpd_tls_eckey_file", "smtpd_tls_dcert_file", "smtpd_tls_dkey_file"]

    /// What planning main.cf produced.
    struct Outcome {
        /// Findings about specific settings (obsolete ones removed, a client level lowered).
        var findings: [Finding] = []
        /// The settings those findings already explain.
        var explained: Set<String> = []
    }

    /// Applies the answers and installed file paths to `config`.
    func apply(_ answers: Answers, layout: Answers.Layout, files: InstalledFiles, to config: inout MainConfig,
               file: String) throws -> Outcome {
        var outcome = Outcome()
        if let lowered = loweredClientLevel(from: config.effectiveValue(of: "smtp_tls_security_level", defaults: installation.defaults),
                                            to: answers.smtpSecurityLevel, file: file) {
            outcome.findings.append(lowered)
            outcome.explained.insert("smtp_tls_security_level")
        }
        switch answers.keepsDefaultPairs ? nil : layout {
        case nil:
            break
        case .chainFile?:
            try config.set("smtpd_tls_chain_files", files.chainFilesValue ?? "")
            for name in Self.legacyServerFiles { config.remove(name) }
        case .separateFiles?:
            config.remove("smtpd_tls_chain_files")
            for name in Self.legacyServerFiles.dropFirst(2) where !files.keptLegacySettings.contains(name) { config.remove(name) }
            try config.set("smtpd_tls_cert_file", files.certificateFile!)
            try config.set("smtpd_tls_key_file", files.keyFile!)
            if let caFile = files.caFile { try config.set("smtpd_tls_CAfile", caFile) }
        }
        try config.set("smtpd_tls_security_level", answers.smtpdSecurityLevel)
        try config.set("smtp_tls_security_level", answers.smtpSecurityLevel)
        try setSessionCache(&config)
        for name in Self.obsolete.keys.sorted() where config.value(of: name) != nil {
            config.remove(name)
            outcome.explained.insert(name)
            outcome.findings.append(Finding(.obsoleteSetting, .info, file: file,
                message: Catalog.text("finding.obsoleteSetting.removed", ["file": "\(SafeText.escape(file))", "name": "\(name)", "reason": "\(Self.obsolete[name]!)"]),
                hint: Catalog.text("finding.obsoleteSetting.removedHint")))
        }
        return outcome
    }

    /// `client-level-lowered` when a demanding client level in force (dane, dane-only,
    /// fingerprint, verify, secure, encrypt) would give way to one that is not stronger.
    private func loweredClientLevel(from current: String?, to chosen: String, file: String) -> Finding? {
        guard let current, ClientLevelOrder.lowers(from: current, to: chosen) else { return nil }
        return Finding(.clientLevelLowered, .warning, file: file,
            message: Catalog.text("finding.clientLevelLowered.message", ["file": "\(SafeText.escape(file))", "current": "\(SafeText.escape(current))", "chosen": "\(SafeText.escape(chosen))"]),
            hint: Catalog.text("finding.clientLevelLowered.hint", ["current": "\(SafeText.escape(current))"]))
    }

    /// A client session cache whose table type this Postfix supports. A server-side cache
    /// of a type it does not support is removed: tlsmgr fails on it and STARTTLS answers
    /// "454 4.3.0 Try again later", and since Postfix 2.11 session tickets make it unneeded.
    private func setSessionCache(_ config: inout MainConfig) throws {
        let name = "smtp_tls_session_cache_database"
        if !isSupportedTable(config.value(of: name)) {
            try config.set(name, "\(installation.sessionCacheTableType):${data_directory}/smtp_scache")
        }
        let server = "smtpd_tls_session_cache_database"
        if let current = config.value(of: server), !current.isEmpty, !isSupportedTable(current) {
            config.remove(server)
        }
    }

    /// True when `value` is `type:name` with a table type this Postfix lists in `postconf -m`.
    private func isSupportedTable(_ value: String?) -> Bool {
        guard let value, let colon = value.firstIndex(of: ":") else { return false }
        return installation.tableTypes.contains(String(value[..<colon]))
    }
}
