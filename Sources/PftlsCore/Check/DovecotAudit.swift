/// `pftls check` on Dovecot beside Postfix: its files as Postfix's are checked (key match,
/// chain, expiry, permissions), its settings spelled for its version, every TLS listener
/// probed (STARTTLS included) and the served chain compared with its files, and a Dovecot
/// that serves another certificate than Postfix for the same name.
extension TLSAudit {
    /// What the Dovecot part of the audit found.
    public struct DovecotReport {
        public var findings: [Finding] = []
        /// The instance, when it could be read.
        public var installation: DovecotInstallation?
        /// Each probed listener, what it served, and the leaf on disk it was to serve (with a
        /// client of that leaf's key type when Dovecot serves two).
        public var probes: [(listener: DovecotListener, result: ProbeResult, leaf: Certificate)] = []
        /// The certificate file of each of Dovecot's pairs, the first then the alternate, with
        /// its leaf (nil when the file could not be read).
        public var pairs: [(file: String, leaf: Certificate?)] = []

        /// The leaf in the certificate file of Dovecot's first pair.
        public var leaf: Certificate? { pairs.first?.leaf }
        /// The leaves that could be read, the first pair's before the alternate's.
        public var leaves: [(file: String, leaf: Certificate)] { pairs.compactMap { pair in pair.leaf.map { (pair.file, $0) } } }
        /// True when Dovecot serves two key types (a first pair and an alternate of another type).
        public var servesTwoKeyTypes: Bool { Set(leaves.compactMap { ServerKeyType($0.leaf.keyAlgorithm) }).count > 1 }
    }

    /// Audits the Dovecot of `situation`; `postfixLeaves` are the leaves of Postfix's default
    /// pairs (one per key type). Dovecot's first pair and its alternate (a second key type)
    /// are each compared with Postfix's leaf of their type, and probed with a client that
    /// accepts only that type when Dovecot serves two.
    /// `postfixSNILeaves` are the leaves of Postfix's SNI entries by name (lowercased): a
    /// `local_name` block for such a name is compared with them.
    public func audit(_ situation: DovecotSituation, expiry: ExpiryThresholds, probing: Bool, hostname: String?,
                      postfixLeaves: [Certificate], postfixSNILeaves: [String: [Certificate]] = [:]) -> DovecotReport {
        var report = DovecotReport()
        let file = situation.request.configFile
        let severity: Severity = situation.request.asked ? .error : .warning
        switch situation.read {
        case nil:
            if situation.request.asked {
                report.findings.append(Finding(.dovecotNotInstalled, .error, file: file, message: Catalog.text("dovecot.plan.not-installed", ["file": SafeText.escape(file)]),
                                               hint: Catalog.text("dovecot.plan.not-installed.hint")))
            }
            return report
        case .failure(let failure)?:
            report.findings.append(unreadable(failure, severity: severity))
            return report
        case .success(let installation)?:
            report.installation = installation
        }
        // Not asked for, a Dovecot that does not run serves nothing: nothing to compare.
        guard let installation = report.installation, installation.settings.offersTLS,
              situation.request.asked || installation.isRunning else { return report }
        let settings = installation.settings
        guard let pair = settings.pair else {
            report.findings.append(Finding(.dovecotNoCertificate, severity, file: file, message: Catalog.text("dovecot.check.no-certificate", ["file": SafeText.escape(file)]),
                                           hint: Catalog.text("dovecot.check.no-certificate.hint", ["file": SafeText.escape(file)])))
            return report
        }
        let names = DovecotSettingNames(version: settings.version)
        if let leftover = canaryLeftover(installation.configFile) { report.findings.append(leftover) }
        for (scope, candidate) in [(nil, pair), (nil, settings.alternate)] + settings.localNames.map({ ($0.names.joinedAsList(), $0.pair) }) {
            guard let candidate, !candidate.spelledForVersion else { continue }
            report.findings.append(spelling(candidate, names: names, file: file, scope: scope))
        }
        let inspections = [pair, settings.alternate].compactMap { $0 }.map { pair in
            (pair: pair, inspection: inspector.inspect(paths: [pair.certificate] + (pair.key.map { [$0] } ?? []),
                                                       options: expiry.applied(to: InspectionOptions(hostname: hostname, privateCA: privateCA))))
        }
        for (pair, inspection) in inspections {
            report.findings += inspection.findings.filter { $0.code != .unrelatedCertificate } + permissionFindings(inspection)
            if let finding = differs(inspection.leaf, from: postfixLeaves, hostname: hostname, file: pair.certificate, configFile: file) {
                report.findings.append(finding)
            }
        }
        report.pairs = inspections.map { pair, inspection in (pair.certificate, inspection.leaf) }
        for block in settings.localNames {
            guard let blockPair = block.pair, let leaf = DeployRecordMaker(inspector: inspector).leaf(in: blockPair.certificate) else { continue }
            for name in block.names {
                let hint = Catalog.text("dovecot.check.differs.sni-hint", ["name": SafeText.escape(name), "file": SafeText.escape(file)])
                guard let leaves = postfixSNILeaves[name.lowercased()],
                      let finding = differs(leaf, from: leaves, hostname: name, file: blockPair.certificate, configFile: file, hint: hint) else { continue }
                report.findings.append(finding)
            }
        }
        let sameType = report.leaves.count == 2 && !report.servesTwoKeyTypes
        if sameType, let alternate = settings.alternate {
            report.findings.append(DovecotSameKeyType(first: pair, alternate: alternate, type: ServerKeyType(report.leaves[0].leaf.keyAlgorithm))
                .finding(.error, names: names, configFile: file))
        }
        guard probing, installation.isRunning else { return report }
        for listener in installation.listeners {
            // Two pairs of one key type: one client sees the one Dovecot serves, whichever it is.
            for (_, inspection) in sameType ? [inspections[0]] : inspections {
                guard inspection.leaf != nil else { continue }
                let keyType = report.servesTwoKeyTypes ? inspection.leaf.flatMap { ServerKeyType($0.keyAlgorithm) } : nil
                let place = listener.label + (keyType.map { " (\($0.rawValue))" } ?? "")
                let result = probe.probe(host: listener.host, port: listener.port, mode: listener.mode, serverName: nil, keyType: keyType)
                let served = sameType ? inspections.first { $0.inspection.leaf.map { result.leaf?.isSame(as: $0) == true } == true }?.inspection ?? inspection : inspection
                guard let leaf = served.leaf else { continue }
                report.probes.append((listener, result, leaf))
                report.findings += servedFindings(result, place: place, leaf: leaf, installed: served.servedChain, file: file)
            }
        }
        return report
    }

    /// `dovecot-canary-left` when a stopped run's trial block is still in `configFile`: an
    /// error when a file it names is gone (Dovecot's next reload fails), else a warning.
    private func canaryLeftover(_ configFile: String) -> Finding? {
        guard let text = try? fileSystem.readFile(configFile, limit: 4 << 20), let files = DovecotCanary.leftoverFiles(in: text) else { return nil }
        let missing = files.filter { (try? fileSystem.status(of: $0)) == nil }
        let where_ = SafeText.escape(configFile)
        return Finding(.dovecotCanaryLeft, missing.isEmpty ? .warning : .error, file: configFile,
                       message: Catalog.text(missing.isEmpty ? "dovecot.check.canary-left" : "dovecot.check.canary-left.missing",
                                             ["file": where_, "address": DovecotCanary.address, "missing": missing.map(SafeText.escape).joinedAsList()]),
                       hint: Catalog.text("dovecot.check.canary-left.hint", ["file": where_, "marker": DovecotCanary.marker]))
    }

    /// `dovecot-differs-from-postfix` when Dovecot's `leaf` is another certificate for the
    /// host name than Postfix's leaf of the same key type.
    private func differs(_ leaf: Certificate?, from postfixLeaves: [Certificate], hostname: String?, file: String, configFile: String, hint: String? = nil) -> Finding? {
        guard let leaf, let hostname, leaf.matches(hostname: hostname),
              let postfixLeaf = postfixLeaves.first(where: { ServerKeyType($0.keyAlgorithm) == ServerKeyType(leaf.keyAlgorithm) }),
              !leaf.isSame(as: postfixLeaf), postfixLeaf.matches(hostname: hostname) else { return nil }
        return Finding(.dovecotDiffersFromPostfix, .warning, file: file,
                       message: Catalog.text("dovecot.check.differs", ["hostname": SafeText.escape(hostname),
                                                                        "dovecot": leaf.sha256FingerprintText, "postfix": postfixLeaf.sha256FingerprintText]),
                       hint: hint ?? Catalog.text("dovecot.check.differs.hint", ["file": SafeText.escape(configFile)]))
    }

    /// What a probe of a Dovecot listener says against the `leaf` on disk: the chain it served
    /// checked, another certificate (stale), or no handshake.
    private func servedFindings(_ result: ProbeResult, place: String, leaf: Certificate, installed: [Certificate], file: String) -> [Finding] {
        switch result {
        case .served(let chain) where chain.first?.isSame(as: leaf) == true:
            return ServedChain(trustStore: trustStore, privateCA: privateCA).finding(place: place, served: chain, installed: installed).map { [$0] } ?? []
        case .served(let chain):
            return [Finding(.staleServedCertificate, .error, file: nil,
                            message: Catalog.text("finding.staleServedCertificate.message", ["place": place, "servedSha256": chain.first?.sha256FingerprintText ?? "?",
                                                                                              "diskSha256": leaf.sha256FingerprintText]),
                            hint: Catalog.text("dovecot.check.stale.hint", ["file": SafeText.escape(file)]))]
        case .failed(let reason, _, _):
            return [Finding(.tlsHandshakeFailed, .error, file: nil, message: Catalog.text("check.listener.failed", ["place": place, "reason": reason]),
                            hint: Catalog.text("dovecot.check.handshake.hint", ["file": SafeText.escape(file)]))]
        }
    }

    /// doveconf refused the configuration; for a 2.3 configuration under 2.4, the exact lines that replace the old ones.
    private func unreadable(_ failure: DovecotInstallation.ReadFailure, severity: Severity) -> Finding {
        guard failure.unknownSetting != nil, let files = try? DovecotConfigFiles.read(failure.configFile, fileSystem: fileSystem),
              case let outdated = files.outdatedLines(), !outdated.isEmpty else {
            return Finding(.dovecotConfigUnreadable, severity, file: failure.configFile,
                           message: Catalog.text("dovecot.plan.unreadable", ["file": SafeText.escape(failure.configFile), "reason": failure.reason]),
                           hint: Catalog.text("dovecot.plan.unreadable.hint", ["file": SafeText.escape(failure.configFile)]))
        }
        let lines = outdated.map { line in
            Catalog.text("dovecot.check.outdated-line", ["file": SafeText.escape(line.path), "line": "\(line.number)", "old": SafeText.escape(line.line),
                                                         "new": SafeText.escape(line.replacement)])
        }
        return Finding(.dovecotOutdatedSyntax, .error, file: failure.configFile,
                       message: Catalog.text("dovecot.check.outdated", ["file": SafeText.escape(failure.configFile), "reason": failure.reason]),
                       hint: Catalog.text("dovecot.check.outdated.hint", ["lines": lines.joined(separator: "\n")]))
    }

    /// A certificate setting written for the other version: 2.3 without `<`, 2.4 with it.
    private func spelling(_ pair: DovecotKeyPair, names: DovecotSettingNames, file: String, scope: String?) -> Finding {
        let setting = names.certificate(alternate: false)
        let key = names.version.namesServerFiles ? "dovecot.check.spelled-with-marker" : "dovecot.check.spelled-without-marker"
        return Finding(.dovecotSettingNotAFile, .error, file: file,
                       message: Catalog.text(key, ["setting": setting, "path": SafeText.escape(pair.certificate), "block": scope.map(SafeText.escape) ?? "global"]),
                       hint: Catalog.text(key + ".hint", ["line": setting + " = " + names.value(forPath: SafeText.escape(pair.certificate))]))
    }
}

extension FindingCode {
    /// Dovecot offers TLS but names no certificate.
    public static let dovecotNoCertificate: FindingCode = "dovecot-no-certificate"
    /// A 2.3 configuration read by Dovecot 2.4 (`Unknown setting: ssl_cert`).
    public static let dovecotOutdatedSyntax: FindingCode = "dovecot-outdated-syntax"
    /// A certificate setting spelled for the other version (`<` missing in 2.3, present in 2.4).
    public static let dovecotSettingNotAFile: FindingCode = "dovecot-setting-not-a-file"
    /// Dovecot and Postfix serve different certificates for the same name.
    public static let dovecotDiffersFromPostfix: FindingCode = "dovecot-differs-from-postfix"
}
