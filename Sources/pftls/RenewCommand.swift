import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `pftls renew`: install a renewed certificate into the set-up in force, safely;
/// also certbot's deploy hook and acme.sh's reload command.
struct RenewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: Catalog.text("cli.renew.abstract"),
        discussion: Catalog.text("cli.RenewCommand.discussion") + "\n\n" + Catalog.text("renew.discussion.certbot")
    )

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.renew.keyHelp"), valueName: "FILE"), transform: AbsolutePath.of)
    var key: String?

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.renew.certHelp"), valueName: "FILE"), transform: AbsolutePath.of)
    var cert: String?

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.renew.chainHelp"), valueName: "FILE"), transform: AbsolutePath.of)
    var chain: [String] = []

    @Option(name: .customLong("from-certbot"), help: ArgumentHelp(Catalog.text("cli.renew.fromCertbotHelp"), valueName: "NAME"))
    var certbotName: String?

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("names.option.help"), valueName: "NAME"))
    var names: [String] = []

    @Option(name: .long, help: ArgumentHelp(Catalog.text("renew.lineage.help"), valueName: "NAME"))
    var lineage: String?

    @Option(name: .customLong("sni"), help: ArgumentHelp(Catalog.text("renew.sni.help"), valueName: "NAME"))
    var sniNames: [String] = []

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("renew.allow-names-dropped.help")))
    var allowNamesDropped = false

    @OptionGroup var change: ChangeOptions

    @OptionGroup var privateCA: PrivateCAOption

    @OptionGroup var certbotDirectory: CertbotDirectoryOption

    func validate() throws {
        if cert == nil && certbotName == nil && ProcessEnvironment.value("RENEWED_LINEAGE") == nil {
            throw ValidationError(Catalog.text("renew.needsCertificate"))
        }
        if cert != nil && certbotName != nil { throw ValidationError(Catalog.text("renew.certAndCertbotExclusive")) }
        if lineage != nil && (cert != nil || certbotName != nil) { throw ValidationError(Catalog.text("renew.lineage.not-with-files")) }
        if let problem = sniNames.lazy.compactMap(SNIAnswer.problem(with:)).first { throw ValidationError(problem) }
    }

    /// The lineage certbot renewed, when this run is its deploy hook (no files named).
    var renewedLineage: CertbotLineage? {
        guard cert == nil, certbotName == nil, let directory = ProcessEnvironment.value("RENEWED_LINEAGE") else { return nil }
        return CertbotLineage(directory: directory)
    }

    /// The files to install, from the options or certbot's lineage.
    private var request: RenewalRequest {
        if let cert { return RenewalRequest(key: key, certificate: cert, chain: chain) }
        if let certbotName { return CertbotLineage(directory: certbotDirectory.scan.lineageDirectory(certbotName)).request }
        return renewedLineage!.request
    }

    func run() throws {
        let processes = SystemProcessRunner()
        let installation = PostfixInstallation.detect(configDirectory: change.configDirectory.path, processes: processes)
        let inspector = Inspector()
        // The set-up in force, read once: the renewal's answers and the plan both start from it.
        let fileSystem = LocalFileSystem()
        let setup: TLSSetupInForce
        let current: RenewalPlanner.InForce
        do {
            setup = try TLSSetupInForce.read(installation, fileSystem: fileSystem).get()
            current = try RenewalPlanner(inspector: inspector).current(setup).get()
        } catch let problem as any CodedError {
            // As certbot's deploy hook, another service's lineage is skipped even so.
            if let renewed = renewedLineage, !admits(renewed, inUse: nil, hostname: installation.hostname, inspector: inspector) { return }
            throw CodedErrorReport.fail(problem, command: "renew", json: change.json)
        }
        let presentation = ServerPresentation.read(setup, fileSystem: fileSystem, inspector: inspector)
        if let renewed = renewedLineage,
           !admits(renewed, inUse: current, presentation: presentation, hostname: installation.hostname, inspector: inspector) { return }
        var request = self.request
        let newLeaf = inspector.inspect(paths: [request.certificate] + request.chain).leaf
        // A certificate for the staged next key (`csr --next-key`) promotes it.
        let promoted = NextKeyStore(fileSystem: fileSystem)
            .promotion(for: newLeaf, named: request.key, pairs: presentation.pairs, setup: setup, configDirectory: change.configDirectory.path)
        request.key = request.key ?? promoted?.path
        let slot = RenewalSlot.choose(leaf: newLeaf, hostname: installation.hostname, explicitNames: sniNames, presentation: presentation)
        var answers = request.answers(replacing: current.answers, slot: slot, presentation: presentation, newLeaf: newLeaf)
        answers.names = names
        answers.privateCA = privateCA.privateCA
        let passphrases = try PassphraseOption.source(file: change.passphraseFile)
        let hostname = installation.hostname
        let built = PlanBuilder.forSystem(fileSystem: fileSystem, installation: installation, inspector: inspector,
                                          baseline: ConfigBaseline.read(installation, processes: processes, runCheck: !change.dryRun),
                                          dns: change.dnsCheck)
            .covering(change.dovecot.situation(answers: nil, postfixConfigDirectory: change.configDirectory.path, processes: processes))
            .stagingEarly(processes: processes)
            .readingBaseline(whenConfigUnchanged: ConfigBaseline.read(installation, processes: processes, runCheck: false))
            .build(answers, setup: .success(setup), passphrases: passphrases, hostname: hostname)
        // A renewal that drops a name in use is refused unless asked for.
        var plan = built.adding(slot == .defaultPair
            ? RenewalPlanner.checks(old: presentation.pairs.first { $0.keyType == newLeaf.flatMap { ServerKeyType($0.keyAlgorithm) } }?.leaf ?? current.leaf,
                                    new: built.leaf, file: request.certificate, refusingDroppedNames: !allowNamesDropped)
            : RenewalPlanner(inspector: inspector).sniChecks(slot, presentation: presentation, new: newLeaf, file: request.certificate, refusingDroppedNames: !allowNamesDropped))
        plan.retiredKeyFiles += promoted.map { [$0.path] } ?? []
        if request.key == nil { plan = plan.explainingKeptKeyMismatch(keyInUse: answers.privateKey) }
        if change.json {
            _ = try ApplyReport.run(plan, options: change, command: "renew", processes: processes, unchanged: "")
            return
        }
        if let promoted { print(Catalog.text("renew.next-key.promoting", ["path": SafeText.escape(promoted.path)])) }
        print(PlanText.render(plan, diffs: change.dryRun), terminator: "")
        if plan.hasErrors {
            if !change.dryRun { ApplyReport.recordRefusal(plan, options: change, command: "renew") }
            StandardStreams.writeError(Catalog.text("renew.refused"))
            throw ExitCode(1)
        }
        if change.dryRun {
            try ApplyReport.rehearse(plan, command: "renew", processes: processes)
            print(Catalog.text("apply.dryRun"))
            return
        }
        let oldKeyDigest = keyDigest(current.keyFile, passphrases: nil, inspector: inspector)
        guard try ApplyReport.run(plan, options: change, command: "renew", processes: processes,
                                  unchanged: Catalog.text("renew.alreadyInstalled")) != nil else { return }
        if let promoted {
            print(Catalog.text("renew.next-key.promoted", ["path": SafeText.escape(promoted.path),
                                                                  "instance": SafeText.escape(SuggestedCommand.configDirectoryOption(change.configDirectory.path))]))
            return
        }
        if let newKeyDigest = keyDigest(answers.privateKey, passphrases: passphrases, inspector: inspector), newKeyDigest != oldKeyDigest {
            print(Catalog.text("renew.publishTLSA"))
            print("  3 1 1 \(Hex.lowercase(newKeyDigest))")
        }
    }

    /// SHA-256 of the key's SubjectPublicKeyInfo (the data of a DANE `3 1 1` record), read before anything changes.
    private func keyDigest(_ path: String, passphrases: PassphraseSource?, inspector: Inspector) -> [UInt8]? {
        inspector.load(path, passphrases: passphrases).items
            .compactMap { if case .privateKey(let key) = $0.object { key.subjectPublicKeyInfoSHA256 } else { nil } }.first
    }
}
