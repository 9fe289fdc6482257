#if canImport(Glibc)
import Glibc
#endif

/// The Dovecot part of a change: the same key and chain in Dovecot's own pair of files in
/// the certificate directory, and its ssl lines pointed at them in the syntax of the
/// installed version, each in the file that defines it.
extension PlanBuilder {
    /// What the change does to Dovecot: nil when it leaves Dovecot alone.
    struct DovecotPart {
        /// The instance read, covered or not.
        var found: DovecotInstallation? = nil
        /// The instance covered; nil when a problem keeps it out (the findings say which).
        let installation: DovecotInstallation?
        let files: [PlannedFile]
        let findings: [Finding]
        /// Each pair written, with what Dovecot's listeners must serve from it (per key type when it serves two).
        var pairs: [DovecotPlannedPair] = []
        /// The copies a killed canary's block names, which the change removes with the block:
        /// backed up with the keys (a rollback or restore.sh puts the block back), then removed.
        var retired: [String] = []
    }

    /// Dovecot's part of a change that installs `pairs` (the first pair, then a second key
    /// type's) while Postfix keeps serving its pairs of `keptTypes`: each new pair goes
    /// into the Dovecot pair of its key type (`DovecotSlots`), the others stay.
    func dovecotPart(_ situation: DovecotSituation, answers: Answers, postfixFiles: Set<String>, pairs: [DefaultPairsPlanner.NewPair],
                     keptTypes: Set<ServerKeyType>, hostname: String?) -> DovecotPart? {
        let request = situation.request
        func problem(_ code: FindingCode, _ message: String, _ hint: String) -> DovecotPart? {
            let severity: Severity = request.asked ? .error : .warning
            return DovecotPart(installation: nil, files: [], findings: [Finding(code, severity, file: request.configFile, message: message, hint: hint)])
        }
        let where_ = SafeText.escape(request.configFile)
        let installation: DovecotInstallation
        switch situation.read {
        case nil:
            guard request.asked else { return nil }
            return problem(.dovecotNotInstalled, Catalog.text("dovecot.plan.not-installed", ["file": where_]), Catalog.text("dovecot.plan.not-installed.hint"))
        case .failure(let failure)?:
            let hint = failure.unknownSetting != nil ? Catalog.text("dovecot.outdated-syntax.hint", ["file": where_])
                : Catalog.text("dovecot.plan.unreadable.hint", ["file": where_])
            return problem(.dovecotConfigUnreadable, Catalog.text("dovecot.plan.unreadable", ["file": where_, "reason": failure.reason]), hint)
        case .success(let read)?:
            installation = read
        }
        let settings = installation.settings
        guard settings.offersTLS else {
            guard request.asked else { return nil }
            return problem(.dovecotTLSOff, Catalog.text("dovecot.plan.ssl-off", ["file": where_]), Catalog.text("dovecot.plan.ssl-off.hint"))
        }
        let sniKept = sniBlocksKept(settings, entries: answers.sni)
        let untouched = DovecotPart(found: installation, installation: nil, files: [], findings: sniKept)
        // A change of SNI entries alone leaves the default pairs, and so Dovecot's, as they are.
        guard !answers.keepsDefaultPairs, let first = pairs.first else { return untouched }
        let servedLeaves = (first: leaf(of: settings.pair), alternate: leaf(of: settings.alternate))
        guard request.asked || servesWhatPostfixServes(settings.pair, served: servedLeaves.first, postfixFiles: postfixFiles,
                                                       leaf: first.chain.first, hostname: hostname) else { return untouched }
        var configFiles: DovecotConfigFiles
        do { configFiles = try DovecotConfigFiles.read(installation.configFile, fileSystem: fileSystem) } catch {
            return problem(.dovecotConfigUnreadable, Catalog.text("dovecot.plan.unreadable", ["file": SafeText.escape(error.path), "reason": error.reason]),
                           Catalog.text("dovecot.plan.unreadable.hint", ["file": where_]))
        }
        let names = DovecotSettingNames(version: settings.version)
        let directory = answers.certificateDirectory.hasSuffix("/") ? String(answers.certificateDirectory.dropLast()) : answers.certificateDirectory
        let current = DovecotSlots.Current(primary: servedLeaves.first.flatMap { ServerKeyType($0.keyAlgorithm) },
                                           alternate: servedLeaves.alternate.flatMap { ServerKeyType($0.keyAlgorithm) })
        // Both pairs of one key type: whichever pair the new one took, the other may be the one
        // served, and the proof would roll back Postfix too. Dovecot is left alone (refused when asked).
        if let type = current.primary, current.alternate == type, let pair = settings.pair, let alternate = settings.alternate {
            let finding = DovecotSameKeyType(first: pair, alternate: alternate, type: type).finding(request.asked ? .error : .warning, names: names,
                                                                                                 configFile: installation.configFile, leftAlone: true)
            return DovecotPart(found: installation, installation: nil, files: [], findings: [finding] + sniKept)
        }
        let slots = DovecotSlots.assign(pairs.map(\.type), current: current, keptTypes: keptTypes)
        var given = zip(pairs, slots).map { $0 }
        // A block with its own pair and no alternate inherits a global alternate pair: one added
        // now would be served for the block's names (another domain's clients would get this
        // host's certificate). Dovecot then keeps one key type, and the plan says why.
        let inheriting = (settings.localNames + settings.localAddresses).filter { $0.pair != nil && $0.alternate == nil }
        var notAdded: [Finding] = []
        if settings.alternate == nil, !inheriting.isEmpty, let index = slots.firstIndex(of: true) {
            given.remove(at: index)
            notAdded.append(Finding(.dovecotFilesKept, .warning, file: installation.configFile,
                                    message: Catalog.text("dovecot.plan.alternate-not-added", ["type": pairs[index].type?.rawValue ?? "?",
                                                                                                "blocks": inheriting.flatMap(\.names).joinedAsList()]),
                                    hint: Catalog.text("dovecot.plan.alternate-not-added.hint", ["setting": names.certificate(alternate: true),
                                                                                                 "keySetting": names.key(alternate: true)])))
        }
        // Nothing to give Dovecot: it is left as it is, neither reloaded nor probed.
        guard !given.isEmpty else { return DovecotPart(found: installation, installation: nil, files: [], findings: notAdded + sniKept) }
        var files: [PlannedFile] = []
        // Dovecot serves two key types after the change when both its pairs are set: each new pair is then proven with its own type.
        let servesTwoTypes = (given.contains { !$0.1 } || settings.pair != nil) && (given.contains { $0.1 } || settings.alternate != nil)
        var planned: [DovecotPlannedPair] = []
        for (pair, alternate) in given {
            let key = pair.key.unencryptedPEM()!, chain = Array(pair.chain.map(\.pem).joined().utf8)
            let paths = DovecotPairFiles.choose(in: directory, alternate: alternate, named: alternate ? settings.alternate : settings.pair,
                                                key: key, certificate: chain, fileSystem: fileSystem)
            configFiles.set(names.certificate(alternate: alternate), to: names.value(forPath: paths.certificate),
                            after: alternate ? [names.key(alternate: false), names.certificate(alternate: false)] : [names.key(alternate: false), "ssl"])
            configFiles.set(names.key(alternate: alternate), to: names.value(forPath: paths.key), after: [names.certificate(alternate: alternate)])
            files += [
                installedFile(Catalog.text("dovecot.plan.file.key", ["setting": names.key(alternate: alternate)]), role: .dovecotKey, path: paths.key,
                              content: .secret(key), mode: 0o600,
                              summary: [Catalog.text("plan.file.privateKeySummary", ["algorithm": "\(pair.key.algorithm)"])]),
                installedFile(Catalog.text("dovecot.plan.file.certificate", ["setting": names.certificate(alternate: alternate)]), role: .dovecotCertificate,
                              path: paths.certificate, content: .text(chain), mode: 0o644, summary: describe(pair.chain)),
            ]
            planned.append(DovecotPlannedPair(files: paths, proof: ServeProof(serverName: nil, keyType: servesTwoTypes ? pair.type : nil, chain: pair.chain)))
        }
        // A canary block a killed run left in the main file goes with this change, and the copies it names after it.
        var changes = configFiles.changedFiles
        var retired: [String] = []
        if let main = configFiles.files.first, let cleaned = DovecotCanary.removingBlock(from: changes.first { $0.path == main.path }?.new ?? main.original) {
            changes.removeAll { $0.path == main.path }
            changes.insert((main.path, main.original, cleaned), at: 0)
            retired = (DovecotCanary.leftoverFiles(in: main.original) ?? []).filter { ((try? fileSystem.status(of: $0)) ?? nil) != nil }
        }
        for changed in changes {
            let mode = (try? fileSystem.status(of: changed.path))?.permissions ?? 0o644
            files.append(PlannedFile.make(purpose: Catalog.text("dovecot.plan.file.config", ["name": AtomicFileWriter.split(changed.path).name]),
                                          role: .dovecotConfig, path: changed.path, content: .text(changed.new), mode: mode_t(mode), ownedByRoot: false,
                                          fileSystem: fileSystem, current: changed.old) { _ in
                UnifiedDiff.make(old: changed.old, new: changed.new, oldLabel: changed.path, newLabel: changed.path + Catalog.text("plan.diff.new-label"))
            })
        }
        return DovecotPart(found: installation, installation: installation, files: files,
                           findings: [coverage(installation)] + notAdded + sniKept + keptFiles(settings, leaf: first.chain.first, names: names,
                                                                          alternateKept: !given.contains { $0.1 } && !(current.alternate.map(keptTypes.contains) ?? false)),
                           pairs: planned, retired: retired)
    }

    /// The leaf in the certificate file `pair` names; nil without a pair or a readable certificate.
    private func leaf(of pair: DovecotKeyPair?) -> Certificate? {
        pair.flatMap { DeployRecordMaker(inspector: inspector).leaf(in: $0.certificate) }
    }

    /// Dovecot's first `pair` is a file Postfix serves, or its leaf (`served`) is for the host
    /// name the new `leaf` is for.
    private func servesWhatPostfixServes(_ pair: DovecotKeyPair?, served: Certificate?, postfixFiles: Set<String>, leaf: Certificate?, hostname: String?) -> Bool {
        guard let pair else { return false }
        if postfixFiles.contains(pair.certificate) || pair.key.map(postfixFiles.contains) == true { return true }
        guard let hostname, leaf?.matches(hostname: hostname) == true else { return false }
        return served?.matches(hostname: hostname) == true
    }

    /// An info finding naming what the change covers in Dovecot.
    private func coverage(_ installation: DovecotInstallation) -> Finding {
        let listeners = installation.listeners.map(\.label).joinedAsList()
        return Finding(.dovecotCovered, .info, file: installation.configFile,
                       message: Catalog.text("dovecot.plan.covered", ["file": SafeText.escape(installation.configFile),
                                                                       "version": "\(installation.settings.version)",
                                                                       "listeners": listeners.isEmpty ? Catalog.text("dovecot.plan.no-listeners") : listeners]),
                       hint: Catalog.text("dovecot.plan.covered.hint"))
    }

    /// Warnings for the files the change leaves in place: an SNI block for the host's name
    /// and, when `alternateKept`, a second pair of a key type Postfix does not serve, which
    /// keep serving what they serve.
    /// `dovecot-files-kept` for each `local_name` block with files of its own for a name whose
    /// SNI entry in Postfix gets a new certificate: pftls does not edit those blocks, so
    /// IMAP clients that send the name keep getting the block's certificate. A block that
    /// names the entry's own certificate file, or one with the same leaf, is in step already.
    private func sniBlocksKept(_ settings: DovecotTLSSettings, entries: [SNIAnswer]) -> [Finding] {
        entries.flatMap { entry in
            let names = Set(entry.names.map { $0.lowercased() })
            let newLeaf = DeployRecordMaker(inspector: inspector).leaf(in: entry.key.certificate)
            return settings.localNames.compactMap { block -> Finding? in
                guard let pair = block.pair, block.names.contains(where: { names.contains($0.lowercased()) }), pair.certificate != entry.key.certificate,
                      !(newLeaf.map { new in leaf(of: pair)?.isSame(as: new) == true } ?? false) else { return nil }
                return Finding(.dovecotFilesKept, .warning, file: settings.configFile,
                               message: Catalog.text("dovecot.plan.local-name-kept", ["names": block.names.joinedAsList(), "certificate": SafeText.escape(pair.certificate)]),
                               hint: Catalog.text("dovecot.plan.local-name-kept.sni-hint", ["key": SafeText.escape(entry.key.privateKey),
                                                                                            "certificate": SafeText.escape(entry.key.certificate)]))
            }
        }
    }

    private func keptFiles(_ settings: DovecotTLSSettings, leaf: Certificate?, names: DovecotSettingNames, alternateKept: Bool) -> [Finding] {
        var findings: [Finding] = []
        for block in settings.localNames where block.pair != nil && block.names.contains(where: { leaf?.matches(hostname: $0) == true }) {
            findings.append(Finding(.dovecotFilesKept, .warning, file: settings.configFile,
                                    message: Catalog.text("dovecot.plan.local-name-kept", ["names": block.names.joinedAsList(),
                                                                                            "certificate": SafeText.escape(block.pair?.certificate ?? "")]),
                                    hint: Catalog.text("dovecot.plan.local-name-kept.hint")))
        }
        // A block for the address clients connect to serves its own files to every name there.
        for block in settings.localAddresses where block.pair != nil || block.alternate != nil {
            findings.append(Finding(.dovecotFilesKept, .warning, file: settings.configFile,
                                    message: Catalog.text("dovecot.plan.local-kept", ["addresses": block.names.joinedAsList(),
                                                                                       "certificate": SafeText.escape((block.pair ?? block.alternate)?.certificate ?? "")]),
                                    hint: Catalog.text("dovecot.plan.local-kept.hint")))
        }
        if alternateKept, let alternate = settings.alternate {
            findings.append(Finding(.dovecotFilesKept, .warning, file: settings.configFile,
                                    message: Catalog.text("dovecot.plan.alternate-kept", ["setting": names.certificate(alternate: true),
                                                                                           "certificate": SafeText.escape(alternate.certificate)]),
                                    hint: Catalog.text("dovecot.plan.alternate-kept.hint")))
        }
        return findings
    }
}

extension FindingCode {
    /// The change covers Dovecot too (info).
    public static let dovecotCovered: FindingCode = "dovecot-covered"
    /// Dovecot was asked for but is not installed.
    public static let dovecotNotInstalled: FindingCode = "dovecot-not-installed"
    /// doveconf refused Dovecot's configuration, or a file of it cannot be read.
    public static let dovecotConfigUnreadable: FindingCode = "dovecot-config-unreadable"
    /// Dovecot's `ssl = no`: its listeners offer no TLS.
    public static let dovecotTLSOff: FindingCode = "dovecot-tls-off"
    /// An SNI block or a second pair keeps serving other files after the change.
    public static let dovecotFilesKept: FindingCode = "dovecot-files-kept"
    /// A stopped run's trial block (`local 127.0.0.2`) is still in Dovecot's configuration.
    public static let dovecotCanaryLeft: FindingCode = "dovecot-canary-left"
}
