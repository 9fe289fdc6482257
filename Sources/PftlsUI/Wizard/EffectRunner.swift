import FoundationEssentials
import Glibc
import PftlsCore

/// Does the wizard's work with the core: listing, inspecting, planning,
/// applying, saving. `perform` is synchronous (tests use it directly);
/// `BackgroundEffects` runs it off the UI thread.
public final class EffectRunner: @unchecked Sendable {
    let context: WizardContext
    let fileSystem: FileSystem
    let processes: ProcessRunner
    /// Runs before the first effect: the demo makes its sandbox's files there, off the
    /// first frame's path, and names the trust store to use (its own sample root).
    private var preparation: (@Sendable () -> Result<TrustStore, Error>)?
    /// Why the preparation failed, told on the Start screen.
    private var preparationFailure: String?
    /// The inspector, made once after the preparation. Effects run on two queues at once,
    /// so this is guarded: a `lazy var` could run the preparation twice (the demo would
    /// make its sample key and certificate twice, and they would not match).
    private var inspector: Inspector {
        preparing.withLock {
            if let prepared { return prepared }
            let made = Inspector(fileSystem: fileSystem, trustStore: prepare())
            prepared = made
            return made
        }
    }
    private let preparing = Lock()
    private var prepared: Inspector?

    /// Creates a runner; the demo trusts its own sample root instead of the system store.
    public init(context: WizardContext, fileSystem: FileSystem = LocalFileSystem(), processes: ProcessRunner = SystemProcessRunner(),
                trustStore: TrustStore = .system()) {
        self.context = context
        self.fileSystem = fileSystem
        self.processes = processes
        preparation = { .success(trustStore) }
    }

    /// Creates a runner whose first effect waits for `preparation` (the demo's sandbox files).
    public init(context: WizardContext, preparing preparation: @escaping @Sendable () -> Result<TrustStore, Error>) {
        self.context = context
        fileSystem = LocalFileSystem()
        processes = SystemProcessRunner()
        self.preparation = preparation
    }

    private func prepare() -> TrustStore {
        defer { preparation = nil }
        switch preparation?() ?? .success(.system()) {
        case .success(let store): return store
        case .failure(let error):
            preparationFailure = "\(error)"
            return .trusting([])
        }
    }

    /// Does `effect` and returns the events that report it.
    public func perform(_ effect: Effect) -> [Event] {
        _ = inspector
        switch effect {
        case .classify(let paths):
            return paths.map { .classified(path: $0, file: inspector.load($0, passphrases: nil).browserFile) }
        default:
            return [performSingle(effect)]
        }
    }

    private func performSingle(_ effect: Effect) -> Event {
        switch effect {
        case .detectPostfix(let directory):
            let installation = directory == context.configDirectory ? self.installation
                : PostfixInstallation.detect(configDirectory: directory, processes: processes)
            var summary = PostfixSummary.read(installation, setup: TLSSetupInForce.read(installation, fileSystem: fileSystem), inspector: inspector)
            // The demo's sandbox is never started, whatever Postfix runs on the host.
            if context.demo != nil { summary.running = false }
            if let preparationFailure { summary.problem = preparationFailure }
            summary.hostname = defaultHostname
            summary.domain = context.demo != nil ? nil : installation.configured.value("mydomain")
            if let dns = context.dns {
                summary.mxNames = dns.lookUp(hostname: defaultHostname, value: installation.configured.value).mxNames
            }
            return .postfixDetected(installation, summary)
        case .list(let directory):
            listedLock.withLock { lastListed = directory }
            return .listed(list(directory))
        case .classify:
            preconditionFailure("classification is answered per file in perform(_:)")
        case .inspect(let assignment, let secret, let unlocking):
            return .inspected(inspect(assignment, passphrase: secret, unlocking: unlocking))
        case .plan(let answers, let secret):
            let dovecot = DovecotRequest.resolve(flag: nil, configFile: nil, answers: answers.dovecot, postfixConfigDirectory: context.configDirectory)
            return .planned(planBuilder().covering(dovecot?.read(processes: processes))
                .build(answers, passphrases: secret.map(FixedPassphrase.init), hostname: hostname(answers)))
        case .apply(let plan, let demo):
            // The demo's sandbox is sealed: never reloaded or started, and `postfix check` only where it stays inside.
            var options = Applier.Options(reload: !demo, canary: !demo, sealed: demo)
            options.recording = demo ? nil : context.ledger.map { DeployRecording(ledger: $0, command: .wizard) }
            return .applied(Result { () throws(ApplyFailure) in try Applier(processes: processes).apply(plan, options: options) })
        case .checkDirectory(let path):
            let boundary = context.demo.flatMap { DemoSandboxBoundary.finding(for: path, sandbox: $0.root) }
            return .directoryChecked(path: path, findings: DirectorySafety(fileSystem: fileSystem, trustedOwner: context.trustedOwner).check(path) + (boundary.map { [$0] } ?? []))
        case .completeDirectory(let value):
            return .directoryCompleted(original: value, completion: completion(of: value))
        case .open(let path):
            let isDirectory = (try? fileSystem.statusFollowingLinks(of: path))??.kind == .directory
            return .opened(path: path, file: isDirectory ? nil : inspector.load(path, passphrases: nil).browserFile)
        case .makeRequest(let names, let keyType, let directory, let subject):
            return .requestMade(Result { () throws(RequestMaker.Problem) in
                try RequestMaker(fileSystem: fileSystem, trustedOwner: context.trustedOwner, asker: .wizard)
                    .make(names: names, keyType: keyType, directory: directory, subject: subject)
            })
        case .saveAnswers(let answers, let path):
            do {
                try AtomicFileWriter().write(Array(AnswersJSON.render(answers).utf8), to: path, mode: 0o600)
                // The command names the configuration it was made for: the demo's sandbox, or a --config-dir.
                let command = SuggestedCommand.apply(answers: path, configDirectory: context.configDirectory)
                return .saved(message: Catalog.text("answers.saved.command", ["path": SafeText.escape(path), "command": SafeText.escape(command)]))
            } catch {
                return .saved(message: Catalog.text("wizard.save.answersFailed", ["error": "\(error)"]))
            }
        case .saveConfigSet(let plan, let directory):
            do {
                try ConfigSetExport.write(plan, to: directory)
                return .saved(message: Catalog.text("wizard.save.configSetWritten", ["directory": "\(directory)"]))
            } catch {
                return .saved(message: Catalog.text("wizard.save.configSetFailed", ["error": "\(error)"]))
            }
        }
    }

    private func list(_ directory: String) -> DirectoryListing {
        do {
            var directories: [String] = []
            var files: [String] = []
            for name in try fileSystem.contentsOfDirectory(directory) where !name.hasPrefix(".") {
                let path = directory == "/" ? "/" + name : directory + "/" + name
                if (try? fileSystem.statusFollowingLinks(of: path))??.kind == .directory { directories.append(name) } else { files.append(name) }
            }
            return DirectoryListing(path: directory, directories: directories.sorted(), files: files.sorted(), problem: nil)
        } catch {
            return DirectoryListing(path: directory, directories: [], files: [], problem: error.reason)
        }
    }

    /// The completion of `value`'s last component among the directories of its parent
    /// (Tab), or nil when there is none.
    private func completion(of value: String) -> String? {
        guard let slash = value.lastIndex(of: "/") else { return nil }
        let parent = slash == value.startIndex ? "/" : String(value[..<slash])
        let prefix = String(value[value.index(after: slash)...])
        guard let names = try? fileSystem.contentsOfDirectory(parent) else { return nil }
        let candidates = names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }
            .filter { (try? fileSystem.statusFollowingLinks(of: parent == "/" ? "/" + $0 : parent + "/" + $0))??.kind == .directory }
            .sorted()
        guard let first = candidates.first else { return nil }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let base = parent == "/" ? "/" : parent + "/"
        return base + common + (candidates.count == 1 ? "/" : "")
    }

    private func inspect(_ assignment: FileAssignment, passphrase secret: SecretBytes?, unlocking: Bool) -> FilesInspection {
        let keyOnly = assignment.key.flatMap { key in
            assignment.certificate.map { InspectionOptions.keyOnly(key: key, certificate: $0, intermediates: assignment.intermediates) }
        } ?? []
        let report = inspector.inspect(paths: assignment.paths, options: InspectionOptions(
            hostname: defaultHostname, passphrases: secret.map(FixedPassphrase.init), keyOnlyFiles: keyOnly, privateCA: assignment.privateCA))
        let listed = listedLock.withLock { lastListed }
        let folders = [assignment.certificate.map { AtomicFileWriter.split($0).directory }, listed].compactMap { $0 }
        let findings = MissingIssuerSearch(inspector: inspector, fileSystem: fileSystem)
            .improve(report.findings, chain: report.chain, assigned: Set(assignment.paths), folders: folders).map(Self.inWizardTerms)
        let codes = report.findings.codes
        let leaf = report.leaf.map { Catalog.text("files.leaf-summary", ["subject": $0.subject, "key": "\($0.keyAlgorithm)", "until": UTCTimestamp.format($0.notAfter)]) }
        return FilesInspection(assignment: assignment, findings: findings, needsPassphrase: codes.contains(.passphraseRequired),
                               wrongPassphrase: codes.contains(.wrongPassphrase), keyIsEncrypted: report.files.contains { $0.hasEncryptedKey },
                               passphrase: codes.contains(.wrongPassphrase) ? nil : secret, leafSummary: leaf,
                               keyType: report.leaf.flatMap { ServerKeyType($0.keyAlgorithm) }, unlocking: unlocking)
    }

    /// `finding` with a hint that says what to do in the wizard where the engine's names a
    /// command-line option (`--passphrase-file`): the wizard never gives options as advice.
    static func inWizardTerms(_ finding: Finding) -> Finding {
        guard finding.code == .passphraseRequired else { return finding }
        return Finding(finding.code, finding.severity, file: finding.file, message: finding.message,
                       hint: Catalog.text("files.passphrase-required.hint"))
    }

    private func planBuilder() -> PlanBuilder {
        PlanBuilder.forSystem(fileSystem: fileSystem, installation: installation, inspector: inspector, trustedOwner: context.trustedOwner,
                              baseline: self.baseline, dns: context.dns)
    }

    private func hostname(_ answers: Answers) -> String? { answers.hostname ?? defaultHostname }

    /// The folder the file browser shows, searched for a forgotten intermediate.
    private var lastListed: String?
    /// `lastListed` is written on the browse queue and read on the work queue.
    private let listedLock = Lock()

    /// Postfix's facts and the host name are asked once per session, not on every
    /// inspection or plan preview (each costs several postconf runs). Only effects
    /// on BackgroundEffects' serial work queue touch them, so the lazy set-up is not raced.
    private lazy var installation = PostfixInstallation.detect(configDirectory: context.configDirectory, processes: processes)
    private lazy var baseline = ConfigBaseline.read(installation, processes: processes, runCheck: context.demo == nil
        || DemoSandboxSeal.postfixCheckStaysInside(context.configDirectory, processes: processes))
    private lazy var defaultHostname: String? = context.demo != nil ? SampleCertificateSet.hostname
        : installation.hostname
}
