import FoundationEssentials
import Glibc

/// `check`'s rules on the TLS settings themselves, beyond the key and certificates:
/// each a finding with a code and a fix.
struct ConfigRules {
    let setup: TLSSetupInForce
    let installation: PostfixInstallation

    private var mainPath: String { installation.configDirectory + "/main.cf" }
    private var masterPath: String { installation.configDirectory + "/master.cf" }

    /// Every rule's findings.
    func findings() -> [Finding] {
        clientCertificateReused() + caFileProblems() + protocolProblems() + curvesOverridden() + berkeleyDBCaches() + certbotArchivePaths()
            + optionsOfCommentedServices() + tlsConfigFile() + deprecations()
    }

    /// The server certificate also presented as the SMTP client's certificate.
    func clientCertificateReused() -> [Finding] {
        let server = Set(setup.files)
        let client = [setup.value("smtp_tls_chain_files"), setup.value("smtp_tls_cert_file")]
            .flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
        guard let reused = client.first(where: server.contains) else { return [] }
        return [Finding(.clientCertificateReused, .warning, file: mainPath,
                        message: Catalog.text("rule.client-cert.message", ["file": SafeText.escape(reused)]),
                        hint: Catalog.text("rule.client-cert.hint"))]
    }

    /// `smtpd_tls_CAfile` holding the whole system bundle, or the server's intermediates.
    func caFileProblems() -> [Finding] {
        let caFile = setup.value("smtpd_tls_CAfile")
        guard !caFile.isEmpty else { return [] }
        if caFile.hasPrefix("/etc/ssl/certs/ca-certificates.crt") || caFile.hasSuffix("/ca-bundle.crt") || caFile.hasSuffix("/tls-ca-bundle.pem") {
            return [Finding(.caFileBundle, .warning, file: mainPath,
                            message: Catalog.text("rule.cafile-bundle.message", ["file": SafeText.escape(caFile)]),
                            hint: Catalog.text("rule.cafile-bundle.hint"))]
        }
        let askCertificates = setup.value("smtpd_tls_ask_ccert") == "yes" || setup.value("smtpd_tls_req_ccert") == "yes"
        guard !askCertificates else { return [] }
        return [Finding(.caFileBundle, .info, file: mainPath,
                        message: Catalog.text("rule.cafile-intermediates.message", ["file": SafeText.escape(caFile)]),
                        hint: Catalog.text("rule.cafile-intermediates.hint"))]
    }

    /// Protocol settings that allow SSLv3 or TLS 1.0/1.1, or that exclude TLS 1.3;
    /// cipher grades below medium.
    func protocolProblems() -> [Finding] {
        var findings: [Finding] = []
        for name in ["smtpd_tls_protocols", "smtpd_tls_mandatory_protocols", "smtp_tls_protocols", "smtp_tls_mandatory_protocols"] {
            guard let raw = setup.main.value(of: name) else { continue }
            let value = setup.value(name)
            let tokens = value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ":" }).map(String.init)
            let excluded = Set(tokens.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) })
            let minimum = tokens.first { $0.hasPrefix(">=") }.map { String($0.dropFirst(2)) }
            let maximum = tokens.first { $0.hasPrefix("<=") }.map { String($0.dropFirst(2)) }
            let old = ["SSLv3", "TLSv1", "TLSv1.1"]
            // Three syntaxes: ">=TLSv1.2" bounds, "!SSLv3, !TLSv1" exclusions, "TLSv1.2, TLSv1.3" inclusions.
            let positive = tokens.filter { !$0.hasPrefix("!") && !$0.hasPrefix(">=") && !$0.hasPrefix("<=") }
            let allowsOld: Bool = if let minimum { old.contains(minimum) }
                else if !positive.isEmpty { positive.contains(where: old.contains) }
                else { !old.allSatisfy(excluded.contains) }
            let excludesNewest = excluded.contains("TLSv1.3") || maximum.map { $0 != "TLSv1.3" } == true
                || (!positive.isEmpty && !positive.contains("TLSv1.3"))
            if excludesNewest {
                findings.append(Finding(.weakProtocols, .warning, file: mainPath,
                    message: Catalog.text("rule.no-tls13.message", ["name": name, "setting": SafeText.escape(raw)]),
                    hint: Catalog.text("rule.protocols.hint", ["name": name])))
            } else if allowsOld && !raw.isEmpty {
                findings.append(Finding(.weakProtocols, .warning, file: mainPath,
                    message: Catalog.text("rule.old-protocols.message", ["name": name, "setting": SafeText.escape(raw)]),
                    hint: Catalog.text("rule.protocols.hint", ["name": name])))
            }
        }
        for name in ["smtpd_tls_ciphers", "smtpd_tls_mandatory_ciphers", "smtp_tls_ciphers", "smtp_tls_mandatory_ciphers"] {
            guard let value = setup.main.value(of: name), ["export", "low", "null"].contains(value.lowercased()) else { continue }
            findings.append(Finding(.weakProtocols, .warning, file: mainPath,
                message: Catalog.text("rule.ciphers.message", ["name": name, "setting": SafeText.escape(value)]),
                hint: Catalog.text("rule.ciphers.hint", ["name": name])))
        }
        return findings
    }

    /// An explicit `tls_eecdh_auto_curves` other than the built-in list: it freezes the
    /// key exchange groups, and newer Postfix and OpenSSL releases add better ones.
    func curvesOverridden() -> [Finding] {
        guard let raw = setup.main.value(of: "tls_eecdh_auto_curves") else { return [] }
        let words = { (text: String) in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ":" }) }
        if let builtIn = installation.defaults["tls_eecdh_auto_curves"], words(setup.value("tls_eecdh_auto_curves")) == words(builtIn) { return [] }
        return [Finding(.curvesOverridden, .warning, file: mainPath,
                        message: Catalog.text("rule.curves.message", ["setting": SafeText.escape(raw)]),
                        hint: Catalog.text("rule.curves.hint"))]
    }

    /// Session caches in Berkeley DB where this Postfix offers lmdb or `default_cache_db_type` (3.11).
    func berkeleyDBCaches() -> [Finding] {
        let cacheType = installation.defaults["default_cache_db_type"] != nil ? "${default_cache_db_type}" : "lmdb"
        guard installation.tableTypes.contains("lmdb") || cacheType != "lmdb" else { return [] }
        return ["smtpd_tls_session_cache_database", "smtp_tls_session_cache_database"].compactMap { name in
            let value = setup.value(name)
            guard value.hasPrefix("btree:") || value.hasPrefix("hash:") else { return nil }
            return Finding(.berkeleyDBCache, .info, file: mainPath,
                           message: Catalog.text("rule.berkeley-db.message", ["name": name, "setting": SafeText.escape(value)]),
                           hint: Catalog.text("rule.berkeley-db.hint", ["name": name, "type": cacheType, "path": String(value.drop { $0 != ":" }.dropFirst())]))
        }
    }

    /// Certificate files pinned to certbot's `archive/` copies, which a renewal does not update.
    func certbotArchivePaths() -> [Finding] {
        setup.files.filter { $0.hasPrefix("/etc/letsencrypt/archive/") }.map { path in
            Finding(.certbotArchivePath, .warning, file: mainPath,
                    message: Catalog.text("rule.certbot-archive.message", ["file": SafeText.escape(path)]),
                    hint: Catalog.text("rule.certbot-archive.hint"))
        }
    }

    /// A `tls_config_file` (Postfix 3.9+: OpenSSL's own configuration) that cannot be read:
    /// every TLS handshake would fail to initialize.
    func tlsConfigFile() -> [Finding] {
        let path = setup.value("tls_config_file")
        guard !path.isEmpty, path != "default", !FileManager.default.isReadableFile(atPath: path) else { return [] }
        return [Finding(.tlsConfigFileFails, .error, file: mainPath,
                        message: Catalog.text("rule.tls-config-file.message", ["file": SafeText.escape(path)]),
                        hint: Catalog.text("rule.tls-config-file.hint"))]
    }

    /// Settings the installed Postfix deprecates (3.11: the peername switch, CNAME
    /// overrides of the server name, the tlsproxy client level and policy).
    func deprecations() -> [Finding] {
        guard let version = installation.version, version >= PostfixVersion(3, 11) else { return [] }
        let deprecated = ["smtp_tls_enforce_peername", "smtp_cname_overrides_servername", "lmtp_cname_overrides_servername",
                          "tlsproxy_client_level", "tlsproxy_client_policy"]
        return deprecated.filter { setup.main.value(of: $0) != nil && MainConfigPlanner.obsolete[$0] == nil }.map { name in
            Finding(.obsoleteSetting, .warning, file: mainPath,
                    message: Catalog.text("rule.deprecated.message", ["name": name, "version": "\(version)"]),
                    hint: Catalog.text("rule.deprecated.hint", ["name": name]))
        }
    }

    /// A commented-out master.cf service whose `-o` lines are still active: Postfix
    /// attaches them to the service above.
    func optionsOfCommentedServices() -> [Finding] {
        var findings: [Finding] = []
        // master.cf as written (as the set-up read it), for rules on its lines.
        let lines = String(decoding: setup.masterFile.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where line.hasPrefix("#") {
            let fields = line.dropFirst().split(whereSeparator: \.isWhitespace)
            guard fields.count >= 8, ["inet", "unix", "fifo", "pass", "unix-dgram"].contains(String(fields[1])) else { continue }
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            guard next.first.map({ $0 == " " || $0 == "\t" }) == true,
                  next.trimmingBlanks().hasPrefix("-o") else { continue }
            findings.append(Finding(.commentedServiceOptions, .warning, file: masterPath,
                message: Catalog.text("rule.commented-service.message", ["file": SafeText.escape(masterPath), "line": "\(index + 2)",
                                                                        "service": String(fields[0])]),
                hint: Catalog.text("rule.commented-service.hint")))
        }
        return findings
    }
}
