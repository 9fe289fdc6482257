#if canImport(Glibc)
import Glibc
#endif

/// Turns answers into a reviewed change plan: it inspects the files, checks the
/// directory and the choices, and computes the new main.cf, master.cf and the
/// files to install. It reads, and never writes.
public struct PlanBuilder {
    let fileSystem: FileSystem
    let installation: PostfixInstallation
    let inspector: Inspector
    let servicesFile: String?
    let trustedOwner: UInt32
    /// Read when the plan needs it, last: postconf answers while pftls plans.
    let baseline: () -> ConfigBaseline?
    let dns: MailDNSCheck?
    /// The Dovecot the change may cover as well (`DovecotRequest`); nil leaves Dovecot alone.
    var dovecot: DovecotSituation? = nil
    /// Stage the new files for postconf while the current configuration is still being asked about.
    var stagesEarly = false
    /// The processes the early staged check runs.
    var stagingProcesses: ProcessRunner?
    /// The baseline to read when the change leaves main.cf and master.cf as they are (no
    /// `postfix check`: it would say what it says now); nil: `baseline`.
    var unchangedConfigBaseline: (() -> ConfigBaseline?)?

    /// This planner, reading `baseline` instead when main.cf and master.cf do not change
    /// (a renewal that only replaces files): `postfix check` reads the configuration, which
    /// stays as it is, and never the key and certificate files.
    public func readingBaseline(whenConfigUnchanged baseline: @escaping @autoclosure () -> ConfigBaseline?) -> PlanBuilder {
        var builder = self
        builder.unchangedConfigBaseline = baseline
        return builder
    }

    /// This planner, staging the new main.cf and master.cf for postconf as soon as they
    /// are made, on another thread, while postconf still answers about the files as they
    /// are: apply and renew check the staged copy anyway, and the two questions then
    /// overlap (a main.cf that makes postconf warn 20,000 times waits for one, not both).
    public func stagingEarly(processes: ProcessRunner) -> PlanBuilder {
        var builder = self
        builder.stagesEarly = true
        builder.stagingProcesses = processes
        return builder
    }

    /// This planner, covering `dovecot` as well.
    public func covering(_ dovecot: DovecotSituation?) -> PlanBuilder {
        var builder = self
        builder.dovecot = dovecot
        return builder
    }

    /// Creates a planner for the Postfix instance described by `installation`.
    /// `trustedOwner` is the uid that may own the certificate directory (root, except in the demo sandbox).
    /// `dns` checks the MX names of this host and the published TLSA records; nil skips DNS.
    public init(fileSystem: FileSystem, installation: PostfixInstallation, inspector: Inspector, servicesFile: String?,
                trustedOwner: UInt32 = 0, baseline: @escaping @autoclosure () -> ConfigBaseline? = nil, dns: MailDNSCheck? = nil) {
        self.fileSystem = fileSystem
        self.dns = dns
        self.baseline = baseline
        self.installation = installation
        self.inspector = inspector
        self.servicesFile = servicesFile
        self.trustedOwner = trustedOwner
    }

    /// A planner for this machine: the real /etc/services names the 465 service.
    /// `baseline` is what Postfix says about the configuration as it is (`ConfigBaseline.read`).
    public static func forSystem(fileSystem: FileSystem, installation: PostfixInstallation, inspector: Inspector,
                                 trustedOwner: UInt32 = 0, baseline: @escaping @autoclosure () -> ConfigBaseline? = nil,
                                 dns: MailDNSCheck? = nil) -> PlanBuilder {
        PlanBuilder(fileSystem: fileSystem, installation: installation, inspector: inspector,
                    servicesFile: try? String(contentsOfFile: "/etc/services", encoding: .utf8), trustedOwner: trustedOwner,
                    baseline: baseline(), dns: dns)
    }

    /// Builds the plan on the set-up in force now, read here (the wizard plans on the files
    /// as they are when asked). `hostname` is what the certificate must cover (nil skips the check).
    public func build(_ answers: Answers, passphrases: PassphraseSource?, hostname: String?) -> ChangePlan {
        build(answers, setup: TLSSetupInForce.read(installation, fileSystem: fileSystem), passphrases: passphrases, hostname: hostname)
    }

    /// Builds the plan on `setup`, the set-up in force as the command read it (or why it
    /// could not be read: then the plan has an `unreadable` error). main.cf and master.cf
    /// are not opened again: the change applies only while they are the files read then.
    public func build(_ answers: Answers, setup: Result<TLSSetupInForce, ConfigReadError>, passphrases: PassphraseSource?,
                      hostname: String?) -> ChangePlan {
        let mainPath = installation.configDirectory + "/main.cf"
        let masterPath = installation.configDirectory + "/master.cf"
        let report = inspector.inspect(paths: [answers.privateKey, answers.certificate] + answers.intermediates,
                                       options: InspectionOptions(hostname: hostname, passphrases: passphrases,
                                           keyOnlyFiles: InspectionOptions.keyOnly(key: answers.privateKey, certificate: answers.certificate,
                                                                                   intermediates: answers.intermediates), names: answers.names,
                                           privateCA: answers.privateCA))
        var findings = report.findings
        let additionalReport = answers.additionalKey.map { key in
            inspector.inspect(paths: key.paths, options: InspectionOptions(hostname: hostname, passphrases: passphrases,
                keyOnlyFiles: InspectionOptions.keyOnly(key: key.privateKey, certificate: key.certificate, intermediates: key.intermediates),
                names: answers.names, privateCA: answers.privateCA))
        }
        findings += additionalReport?.findings ?? []
        let layout = answers.layout ?? (installation.supportsChainFiles ? .chainFile : .separateFiles)
        findings += additionalKeyFindings(answers, layout: layout, key: report.privateKey, additional: additionalReport?.privateKey)
        if layout == .chainFile && !installation.supportsChainFiles {
            findings.append(Finding(.layoutUnsupported, .error, file: nil,
                message: Catalog.text("finding.layoutUnsupported.message", ["version": "\(installation.version.map(String.init(describing:)) ?? "unknown")"]),
                hint: Catalog.text("finding.layoutUnsupported.hint")))
        }
        let safety = DirectorySafety(fileSystem: fileSystem, trustedOwner: trustedOwner)
        findings += safety.check(answers.certificateDirectory)
        findings += safety.checkConfigDirectory(installation.configDirectory)
        findings += guardFindings(answers)

        let inForce: TLSSetupInForce?
        switch setup {
        case .success(let read): inForce = read
        case .failure(let error):
            inForce = nil
            findings.append(error.finding)
        }
        guard let inForce, let key = report.privateKey, let leaf = report.leaf, !findings.hasErrors else {
            let baseline = self.baseline()
            return ChangePlan(answers: answers, layout: layout, configDirectory: installation.configDirectory, directoryToCreate: nil,
                              files: [], findings: findings + (baseline?.findings ?? []), probes: [], leaf: report.leaf, baseline: baseline)
        }

        var (main, master) = (inForce.main, inForce.master)
        // DNS answers on another thread while the files are planned; the plan waits for them below.
        let lookups = dns.map { dns in
            AskedOnce.startingNow { [main, installation] in
                dns.lookUp(hostname: hostname) { main.effectiveValue(of: $0, defaults: installation.defaults) ?? "" }
            }
        }
        let dnsFindingsAt = findings.count

        // What the diff is made against: master.cf as it is on disk, before any repair.
        let masterOnDisk = master
        if let cleaned = Canary.removingEntries(from: inForce.masterFile.bytes) {
            master = MasterConfig(bytes: cleaned)
            findings.append(Finding(.canaryLeftover, .warning, file: masterPath,
                                    message: Catalog.text("finding.canaryLeftover.message"),
                                    hint: Catalog.text("finding.canaryLeftover.hint")))
        }
        let damage = master.pasteDamageFindings(file: masterPath)
        if !damage.isEmpty {
            master = master.repaired()
            findings += damage.map { Finding($0.code, .warning, file: $0.file, message: Catalog.text("plan.repairedHere", ["message": $0.message]), hint: $0.hint) }
        }
        var installed = installedFiles(for: answers, layout: layout, inForce: inForce, key: key, chain: report.servedChain)
        let presentation = ServerPresentation.read(inForce, fileSystem: fileSystem, inspector: inspector)
        let pairs = answers.keepsDefaultPairs ? DefaultPairsPlanner.keeping(presentation.pairs, setup: inForce)
            : DefaultPairsPlanner(directory: answers.certificateDirectory, layout: layout, setup: inForce).plan(current: presentation.pairs, primary: .init(key: key, chain: report.servedChain),
                  additional: additionalReport.flatMap { extra in extra.privateKey.map { .init(key: $0, chain: extra.servedChain) } },
                  primaryPath: installed.chainFile)
        if layout == .chainFile && !answers.keepsDefaultPairs {
            installed.chainFile = pairs.primaryPath
            installed.chainFiles = pairs.chainFiles
        }
        installed.keptLegacySettings = pairs.keptLegacy
        findings += pairs.findings
        var sni = SNIChange()
        var probes: [ProbeTarget] = []
        let (oldMain, oldMaster) = (main, master)
        do {
            var mainOutcome = try MainConfigPlanner(installation: installation).apply(answers, layout: layout, files: installed, to: &main, file: mainPath)
            sni = sniPart(answers, presentation: presentation, changedPaths: Set(installed.paths + pairs.extraFiles.map(\.path)),
                          defaultLeaf: leaf, passphrases: passphrases)
            if let setting = sni.mainSetting { try main.set("tls_server_sni_maps", setting) }
            mainOutcome.findings += keptPairFindings(inForce, installed: installed, layout: layout, explained: &mainOutcome.explained)
            let isDefined: (String) -> Bool = { [main] name in main.value(of: name) != nil || installation.defaults[name] != nil }
            // Only postconf -d lists every parameter; pftls' own table is not complete.
            let isKnown: (String) -> Bool = { name in installation.defaults.source != .postconf || isDefined(name) }
            let services = try MasterConfigPlanner(naming: ServiceNaming(version: installation.version, servicesFile: servicesFile),
                                                   isDefined: isDefined, isKnown: isKnown,
                                                   wildcardHost: inForce.wildcardHost, mainLevel: answers.smtpdSecurityLevel)
                .apply(answers.services, to: &master)
            probes = services.probes
            let planned = Set((answers.keepsDefaultPairs ? [] : installed.paths) + pairs.extraFiles.map(\.path) + sni.files.map(\.path))
            let fileCheck = TLSFileCheck(fileSystem: fileSystem, defaults: installation.defaults, planned: planned,
                                            mainPath: mainPath, masterPath: masterPath)
                .check(main: &main, master: master, servedChainHasIntermediates: report.servedChain.count > 1)
            let ledger = ChangeLedger(mainPath: mainPath, masterPath: masterPath, explained: mainOutcome.explained.union(fileCheck.removed))
            findings += mainOutcome.findings + services.findings + fileCheck.findings
            findings += ledger.mainFindings(old: oldMain, new: main)
            findings += ledger.masterFindings(old: oldMaster, new: master, moves: services.moves)
        } catch {
            findings.append(Finding(.unreadable, .error, file: installation.configDirectory,
                                    message: Catalog.text("finding.unreadable.cannotEdit", ["error": "\(error)"]),
                                    hint: Catalog.text("config-read.hint.check")))
        }
        findings += saslFindings(answers, main: main)
        findings += ListenFamilyCheck.findings(answers.services, inetProtocols: main.effectiveValue(of: "inet_protocols", defaults: installation.defaults) ?? "",
                                               mainPath: mainPath, configDirectory: installation.configDirectory)
        findings += clientLevelFindings(answers, main: main)
        if let dns, let lookups {
            findings.insert(contentsOf: dns.beforeChange(chains: [report.servedChain] + pairs.served.dropFirst().map(\.chain),
                                                         file: answers.certificate, lookups: lookups.value,
                                                         known: answers.names + [hostname].compactMap { $0 }), at: dnsFindingsAt)
        }

        var files = answers.keepsDefaultPairs ? [] : installedFiles(installed, key: key, chain: report.servedChain)
        files += pairs.extraFiles.map { extra in
            installedFile(Catalog.text(extra.kept ? "plan.file.keyAndChain.kept" : "plan.file.keyAndChain.typed", ["type": extra.pair.type?.rawValue ?? "?"]),
                          role: .keyAndChain, path: extra.path, content: .secret(Self.keyAndChain([extra.pair])), mode: 0o600,
                          summary: [Catalog.text("plan.file.privateKeySummary", ["algorithm": "\(extra.pair.key.algorithm)"])] + describe(extra.pair.chain))
        }
        files += sni.files
        findings += sni.findings
        let newPairs = [DefaultPairsPlanner.NewPair(key: key, chain: report.servedChain)]
            + (additionalReport.flatMap { extra in extra.privateKey.map { DefaultPairsPlanner.NewPair(key: $0, chain: extra.servedChain) } }.map { [$0] } ?? [])
        let keptTypes = Set(pairs.served.compactMap(\.type)).subtracting(newPairs.compactMap(\.type))
        let dovecotChange = dovecot.flatMap { situation in dovecotPart(situation, answers: answers, postfixFiles: Set(inForce.files), pairs: newPairs,
                                                                       keptTypes: keptTypes, hostname: hostname) }
        // Each diff is made before the file's new bytes: on a large file, the diff's search and
        // the new bytes are then never in memory together (500,000 lines: 32 and 15 MiB).
        let mainDiff = main.diff(from: oldMain, oldLabel: mainPath, newLabel: mainPath + Catalog.text("plan.diff.new-label"))
        files.append(configFile(.mainConfig, file: inForce.mainFile, new: main.renderBytes()) { mainDiff })
        let masterDiff = master.diff(from: masterOnDisk, oldLabel: masterPath, newLabel: masterPath + Catalog.text("plan.diff.new-label"))
        files.append(configFile(.masterConfig, file: inForce.masterFile, new: master.renderBytes()) { masterDiff })
        files += dovecotChange?.files ?? []
        findings += dovecotChange?.findings ?? []
        let checked = Set([answers.certificateDirectory, installation.configDirectory].map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        findings += Self.unsafeWrittenDirectories(files, checked: checked)
        let staged = stagedEarly(files, configDirectory: installation.configDirectory)
        let configChanges = files.contains { ($0.role == .mainConfig || $0.role == .masterConfig) && $0.changes }
        let baseline = configChanges ? self.baseline() : (unchangedConfigBaseline ?? self.baseline)()
        findings += baseline?.findings(repairing: Set(damage.map(\.code.rawValue)).sorted()) ?? []
        let needsDirectory = (try? fileSystem.status(of: answers.certificateDirectory)) == nil
        var plan = ChangePlan(answers: answers, layout: layout, configDirectory: installation.configDirectory,
                              directoryToCreate: needsDirectory ? answers.certificateDirectory : nil,
                              files: files, findings: findings, probes: probes, leaf: leaf, baseline: baseline)
        plan.chain = report.servedChain
        plan.proofs = ServeProof.proofs(serverName: nil, served: pairs.served) + sni.proofs
        plan.sniRebuilds = sni.rebuilds
        plan.staleSNIDatabases = sni.staleDatabases
        plan.sniMap = sni.map
        plan.chainFiles = answers.keepsDefaultPairs ? pairs.chainFiles
            : layout == .chainFile ? (installed.chainFiles.isEmpty ? installed.chainFile.map { [$0] } ?? [] : installed.chainFiles) : []
        plan.queueDirectory = inForce.queueDirectory
        plan.dovecot = dovecotChange?.installation
        plan.dovecotPairs = dovecotChange?.pairs ?? []
        plan.retiredKeyFiles = dovecotChange?.retired ?? []
        plan.dovecotFound = dovecotChange?.found
        plan.stagedComplaints = staged
        plan.settleIfRefused()
        return plan
    }

    /// The staged check of the new main.cf and master.cf, started now (`stagingEarly`).
    private func stagedEarly(_ files: [PlannedFile], configDirectory: String) -> AskedOnce<StagedCheck.Staged>? {
        guard stagesEarly, let processes = stagingProcesses, let main = files.first(where: { $0.role == .mainConfig }),
              let master = files.first(where: { $0.role == .masterConfig }) else { return nil }
        let (mainText, masterText) = (main.textContent, master.textContent)
        return AskedOnce.startingNow {
            StagedCheck.stage(main: mainText, master: masterText, configDirectory: configDirectory, processes: processes)
        }
    }

    /// Where the files go. With separate files, the pair main.cf names is never rewritten
    /// in place: a new key and certificate go to the other slot and main.cf switches to
    /// them at once, so a Postfix process never loads a key and certificate that disagree.
    private func installedFiles(for answers: Answers, layout: Answers.Layout, inForce: TLSSetupInForce, key: PrivateKey,
                                chain: [Certificate]) -> InstalledFiles {
        guard layout == .separateFiles else {
            return InstalledFiles(directory: answers.certificateDirectory, layout: layout, withCAfile: false)
        }
        return InstalledFiles.separateFiles(directory: answers.certificateDirectory, withCAfile: answers.smtpdCAfile, inUse: inForce.separateFiles) { slot in
            !installedFiles(slot, key: key, chain: chain).contains { $0.changes }
        }
    }

    // MARK: Guards

    /// An additional key must be of another type than the first, in the chain-file layout.
    private func additionalKeyFindings(_ answers: Answers, layout: Answers.Layout, key: PrivateKey?, additional: PrivateKey?) -> [Finding] {
        guard let additional else { return [] }
        if layout == .separateFiles {
            return [Finding(.layoutUnsupported, .error, file: answers.additionalKey?.privateKey,
                            message: Catalog.text("answers.additional-key-layout"), hint: Catalog.text("answers.additional-key-layout.hint"))]
        }
        guard let key, ServerKeyType(key.algorithm) == ServerKeyType(additional.algorithm) else { return [] }
        let type = ServerKeyType(key.algorithm)?.rawValue ?? key.algorithm.description
        return [Finding(.additionalKeySameType, .error, file: answers.additionalKey?.privateKey,
                        message: Catalog.text("answers.additional-key-same-type", ["type": type]),
                        hint: Catalog.text("answers.additional-key-same-type.hint"))]
    }

    /// An info finding for each legacy setting whose pair moves into `smtpd_tls_chain_files`
    /// (it is removed, but its key and certificate are still served).
    private func keptPairFindings(_ inForce: TLSSetupInForce, installed: InstalledFiles, layout: Answers.Layout, explained: inout Set<String>) -> [Finding] {
        guard layout == .chainFile else { return [] }
        var findings: [Finding] = []
        for (keySetting, certificateSetting) in ServerPresentation.legacyPairs.dropFirst() {
            let file = inForce.value(certificateSetting)
            guard !file.isEmpty, installed.chainFiles.contains(file) else { continue }
            explained.formUnion([keySetting, certificateSetting])
            findings.append(Finding(.keyTypeKept, .info, file: inForce.mainFile.path,
                                    message: Catalog.text("plan.key-type-kept", ["setting": certificateSetting, "file": SafeText.escape(file)]),
                                    hint: Catalog.text("plan.key-type-kept.hint")))
        }
        return findings
    }

    private func guardFindings(_ answers: Answers) -> [Finding] {
        var findings: [Finding] = []
        if answers.smtpdSecurityLevel == "encrypt" && answers.services.contains(where: { $0.name == .smtp }) && !answers.dedicatedNonMX {
            findings.append(Finding(.encryptOnPort25, .error, file: nil,
                message: Catalog.text("finding.encryptOnPort25.message"),
                hint: Catalog.text("finding.encryptOnPort25.hint")))
        }
        if answers.smtpdSecurityLevel == "none" && answers.services.contains(where: { $0.name != .smtp }) {
            findings.append(Finding(.clientLevelNeedsSetup, .warning, file: nil,
                message: Catalog.text("finding.clientLevelNeedsSetup.message"),
                hint: Catalog.text("finding.clientLevelNeedsSetup.hint")))
        }
        return findings
    }

    /// The SASL back-end check, when a chosen service has SASL on: submission and
    /// submissions always, smtp when main.cf switches SASL on for every smtpd.
    private func saslFindings(_ answers: Answers, main: MainConfig) -> [Finding] {
        let defaults = installation.defaults
        let everywhere = main.effectiveValue(of: "smtpd_sasl_auth_enable", defaults: defaults) == "yes"
        guard everywhere || answers.services.contains(where: { $0.name != .smtp }) else { return [] }
        let finding = SASLBackendCheck(fileSystem: fileSystem).check(
            type: main.effectiveValue(of: "smtpd_sasl_type", defaults: defaults) ?? "cyrus",
            path: main.effectiveValue(of: "smtpd_sasl_path", defaults: defaults) ?? "smtpd",
            queueDirectory: main.effectiveValue(of: "queue_directory", defaults: defaults) ?? "/var/spool/postfix",
            configDirectory: installation.configDirectory)
        return finding.map { [$0] } ?? []
    }

    private func clientLevelFindings(_ answers: Answers, main: MainConfig) -> [Finding] {
        let defaults = installation.defaults
        switch answers.smtpSecurityLevel {
        case "dane", "dane-only":
            guard main.effectiveValue(of: "smtp_dns_support_level", defaults: defaults) != "dnssec" else { return [] }
            return [Finding(.clientLevelNeedsSetup, .warning, file: nil,
                message: Catalog.text("finding.clientLevelNeedsSetup.dane", ["smtpSecurityLevel": "\(answers.smtpSecurityLevel)"]),
                hint: Catalog.text("finding.clientLevelNeedsSetup.daneHint"))]
        case "verify", "secure":
            let anchors = ["smtp_tls_CAfile", "smtp_tls_CApath"].compactMap { main.effectiveValue(of: $0, defaults: defaults) }.filter { !$0.isEmpty }
            guard anchors.isEmpty else { return [] }
            return [Finding(.clientLevelNeedsSetup, .warning, file: nil,
                message: Catalog.text("finding.clientLevelNeedsSetup.trustAnchors", ["smtpSecurityLevel": "\(answers.smtpSecurityLevel)"]),
                hint: Catalog.text("finding.clientLevelNeedsSetup.trustAnchorsHint"))]
        case "encrypt":
            return [Finding(.clientLevelNeedsSetup, .warning, file: nil,
                message: Catalog.text("finding.clientLevelNeedsSetup.encrypt"),
                hint: Catalog.text("finding.clientLevelNeedsSetup.encryptHint"))]
        default:
            return []
        }
    }

    // MARK: Files

    private func installedFiles(_ installed: InstalledFiles, key: PrivateKey, chain: [Certificate]) -> [PlannedFile] {
        var files: [PlannedFile] = []
        let keyPEM = key.unencryptedPEM()!
        let chainPEM = Array(chain.map(\.pem).joined().utf8)
        if let path = installed.chainFile {
            files.append(installedFile(Catalog.text("plan.file.keyAndChain"), role: .keyAndChain, path: path, content: .secret(keyPEM.appending(chainPEM)), mode: 0o600,
                                       summary: [Catalog.text("plan.file.privateKeySummary", ["algorithm": "\(key.algorithm)"])] + describe(chain)))
        }
        if let path = installed.keyFile {
            files.append(installedFile(Catalog.text("plan.file.privateKey"), role: .key, path: path, content: .secret(keyPEM), mode: 0o600,
                                       summary: [Catalog.text("plan.file.privateKeySummary", ["algorithm": "\(key.algorithm)"])]))
        }
        if let path = installed.certificateFile {
            files.append(installedFile(Catalog.text("plan.file.certificate"), role: .certificate, path: path, content: .text(chainPEM),
                                       mode: 0o644, summary: describe(chain)))
        }
        if let path = installed.caFile {
            let intermediates = Array(chain.dropFirst())
            files.append(installedFile(Catalog.text("plan.file.intermediates"), role: .intermediates, path: path,
                                       content: .text(Array(intermediates.map(\.pem).joined().utf8)), mode: 0o644,
                                       summary: describe(intermediates)))
        }
        return files
    }

    func describe(_ chain: [Certificate]) -> [String] {
        chain.enumerated().map { index, certificate in
            Catalog.text("plan.file.certificateSummary", ["role": index == 0 ? Catalog.text("role.leaf") : Catalog.text("role.intermediate"), "subject": "\(certificate.subject)", "notAfter": "\(UTCTimestamp.format(certificate.notAfter))", "sha256": "\(certificate.sha256FingerprintText)"])
        }
    }

    func installedFile(_ purpose: String, role: PlannedFile.Role, path: String, content: PlannedFile.Content, mode: mode_t,
                               summary: [String]) -> PlannedFile {
        PlannedFile.make(purpose: purpose, role: role, path: path, content: content, mode: mode, ownedByRoot: true, fileSystem: fileSystem) { _ in
            let exists = (try? fileSystem.status(of: path)) != nil
            let header = ["--- \(SafeText.escape(path))\(exists ? Catalog.text("plan.diff.not-shown") : Catalog.text("plan.diff.new-file"))",
                          Catalog.text("plan.file.diffHeader", ["path": "\(SafeText.escape(path))", "mode": "\(String(mode, radix: 8))"])]
            return (header + summary.map { "+ " + $0 }).joined(separator: "\n") + "\n"
        }
    }

    /// main.cf or master.cf with its new bytes, compared with `file` as the set-up read it.
    private func configFile(_ role: PlannedFile.Role, file: ConfigFileSnapshot, new newBytes: [UInt8], diff: () -> String) -> PlannedFile {
        let mode = file.status?.permissions ?? 0o644
        return PlannedFile.make(purpose: AtomicFileWriter.split(file.path).name, role: role, path: file.path, content: .text(newBytes),
                                mode: mode_t(mode), ownedByRoot: false, fileSystem: fileSystem, current: file.bytes,
                                seen: .some(file.status)) { _ in diff() }
    }
}

import FoundationEssentials
