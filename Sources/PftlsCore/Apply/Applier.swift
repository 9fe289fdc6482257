import FoundationEssentials
import Glibc

/// Carries out a change plan: stage and check with Postfix, back up, write
/// atomically with signals held, `postfix check`, reload, and prove on the wire
/// that the new certificate is served. Any failure after writing restores the
/// backup and reloads again.
public struct Applier {
    /// How far to go.
    public struct Options {
        /// Reload Postfix and probe the listeners after writing.
        public var reload: Bool
        /// Where backups go; nil: `<config dir>/pftls-backups`.
        public var backupRoot: String?
        /// How long to keep probing after a reload before giving up.
        public var probeDeadline: TimeInterval
        /// Run `postfix check` after writing. In the demo sandbox it runs only where it
        /// cannot touch anything outside the sandbox (`DemoSandboxSeal.postfixCheckStaysInside`).
        public var postfixCheck: Bool
        /// How long to wait for another pftls that is changing the same configuration.
        public var lockWait: TimeInterval
        /// Try the new files on a temporary loopback listener before the live services change.
        public var canary: Bool
        /// Treat the configuration as the demo sandbox's even without its marker
        /// (`DemoSandboxSeal`): no reload, start or canary, and a restore.sh that only puts files back.
        public var sealed: Bool
        /// Record the run in the deploy ledger (`DeployRecording`); nil: not recorded.
        public var recording: DeployRecording? = nil
        /// How many older backups stay once the change has succeeded (`BackupRetention`).
        public var retention = BackupRetention()

        /// Creates options.
        public init(reload: Bool = true, backupRoot: String? = nil, probeDeadline: TimeInterval = 15, postfixCheck: Bool = true,
                    lockWait: TimeInterval = 30, canary: Bool = false, sealed: Bool = false) {
            self.reload = reload
            self.backupRoot = backupRoot
            self.probeDeadline = probeDeadline
            self.postfixCheck = postfixCheck
            self.lockWait = lockWait
            self.canary = canary
            self.sealed = sealed
        }
    }

    let processes: ProcessRunner
    let clock: WallClock
    let probe: ListenerProbing
    /// What a served chain may end at (`ServedChain`).
    let trustStore: TrustStore
    private let writer = AtomicFileWriter()

    /// Creates an applier over the given environment.
    public init(processes: ProcessRunner = SystemProcessRunner(), clock: WallClock = SystemClock(), probe: ListenerProbing = TLSProbe(),
                trustStore: TrustStore = .system()) {
        self.processes = processes
        self.clock = clock
        self.probe = probe
        self.trustStore = trustStore
    }

    /// Applies `plan` without recording it (`apply` records). `progress` receives one line per step as it happens.
    func applyUnrecorded(_ plan: ChangePlan, options given: Options, progress: (String) -> Void = { _ in }) throws(ApplyFailure) -> ApplyOutcome {
        let sealed = given.sealed || DemoSandboxSeal.isSealed(plan.configDirectory)
        let options = sealed ? Self.sealing(given, configDirectory: plan.configDirectory, processes: processes) : given
        var log: [String] = []
        func say(_ line: String) { log.append(line); progress(line) }
        func fail(_ code: ApplyFailure.Code, _ reason: String) -> ApplyFailure { ApplyFailure(code: code, reason: reason, rolledBack: false, log: log) }

        guard !plan.hasErrors else { throw fail(.planHasErrors, Catalog.text("apply.planHasErrors")) }
        let lock: ConfigLock
        do { lock = try ConfigLock(configDirectory: plan.configDirectory, wait: options.lockWait) } catch { throw fail(.locked, error.description) }
        defer { withExtendedLifetime(lock) {} }
        // Two runs for two Postfix instances may cover the same Dovecot: its directory is locked too.
        var dovecotLock: ConfigLock?
        if let dovecot = plan.dovecot {
            do { dovecotLock = try ConfigLock(configDirectory: AtomicFileWriter.split(dovecot.configFile).directory, wait: options.lockWait) } catch {
                throw fail(.locked, error.description)
            }
        }
        defer { withExtendedLifetime(dovecotLock) {} }
        // The plan's own stage (staged while it was planned) is finished first: a run that
        // then has nothing to change ends without leaving its stage directory behind.
        _ = plan.stagedComplaints?.value
        for stale in StagedCheck.removeStaleStages(in: plan.configDirectory) {
            say(Catalog.text("apply.staleStagingRemoved", ["stale": "\(SafeText.escape(stale))"]))
        }
        // Every directory the change writes into: a run killed between its writes left its temporary files there (Dovecot's conf.d too).
        let writtenInto = plan.changedFiles.map { AtomicFileWriter.split($0.path).directory }.filter { ![plan.configDirectory, plan.answers.certificateDirectory].contains($0) }
        for directory in [plan.configDirectory, plan.answers.certificateDirectory] + Set(writtenInto).sorted() {
            for stale in AtomicFileWriter.removeStaleTemporaryFiles(in: directory) + Canary.removeLeftoverFiles(in: directory) {
                say(Catalog.text("apply.staleTempFileRemoved", ["directory": "\(SafeText.escape(directory))", "stale": "\(SafeText.escape(stale))"]))
            }
        }
        // The plan may be older than the lock: another run may have changed the files since.
        if let problem = PlanFreshness(fileSystem: LocalFileSystem()).problem(plan) { throw fail(.planStale, problem) }
        guard !plan.isNoOp else {
            say(Catalog.text("apply.log.nothingToChange"))
            let deployed = options.reload && !sealed ? try deployUnchanged(plan, options: options, say: say, fail: fail) : (proofs: [], reloaded: [])
            var outcome = ApplyOutcome(changed: false, backupDirectory: nil, rollbackCommand: nil, log: log, proofs: deployed.proofs)
            outcome.reloaded = deployed.reloaded
            return outcome
        }
        // The sandbox's status is not even asked: it is never run.
        let wasRunning = !sealed && MasterStatus.isRunning(configDirectory: plan.configDirectory, processes: processes,
                                                                queueDirectory: plan.queueDirectory)
        if options.reload, let problem = ListenerPreflight().problem(plan, running: wasRunning) {
            throw fail(.listenerUnavailable, problem)
        }
        if let problem = StagedCheck(processes: processes).check(plan) { throw fail(.stagedCheckFailed, problem) }
        // Whether Dovecot ran before the change: one that stops during it has failed.
        let dovecotWasRunning = !sealed && plan.dovecot?.isRunning == true
        if plan.baseline?.checkFailure != nil { say(Catalog.text("apply.repaired-config-passes")) }
        say(Catalog.text("apply.log.stagedAccepted"))

        // From here to the proof, Ctrl-C, SIGTERM and a hang-up are held back and looked for
        // at each step: the run then rolls back (or, before any write, stops) and says so.
        let previousMask = SignalBlocker.block()
        defer { SignalBlocker.unblock(restoring: previousMask) }
        func interruption(_ stage: String) -> ApplyFailure? {
            guard let signal = SignalBlocker.takePending() else { return nil }
            var failure = fail(.interrupted, Catalog.text("apply.interrupted", ["signal": "\(SignalBlocker.name(signal))", "stage": "\(stage)"]))
            failure.signal = signal
            return failure
        }

        let stamp = Self.stamp(clock.now)
        var backup: BackupSet
        do {
            backup = try BackupSet(root: options.backupRoot ?? BackupSet.defaultRoot(of: plan.configDirectory), configDirectory: plan.configDirectory,
                                   certificateDirectory: plan.answers.certificateDirectory, stamp: stamp)
            for file in plan.changedFiles { try backup.save(file.path, secret: file.isSecret) }
            for path in plan.retiredKeyFiles { try backup.save(path, secret: true) }
            // The way back is complete before anything changes: a backup without restore.sh is no backup.
            try writer.write(Array(backup.script(configDirectory: plan.configDirectory, sealed: sealed, wasRunning: wasRunning,
                                                  dovecotConfig: plan.dovecot?.configFile, sniMaps: plan.sniRebuilds.map(\.reference)).utf8),
                             to: backup.directory + "/restore.sh", mode: 0o700)
        } catch {
            throw fail(.backupFailed, Catalog.text("apply.backupFailed", ["error": "\(error)"]))
        }
        say(Catalog.text("apply.log.backedUp", ["directory": "\(SafeText.escape(backup.directory))"]))
        if let directory = plan.directoryToCreate {
            do { try Self.createDirectory(directory) } catch { throw fail(.directoryFailed, Catalog.text("apply.failedNothingChanged", ["error": "\(error)"])) }
            say(Catalog.text("apply.created", ["directory": SafeText.escape(directory)]))
        }
        // After a canary that passed, the master was reloaded without being watched: the change's
        // own reload is what notices one that has gone. A run that stops before that reload
        // (below, up to the staging) looks once, and brings Postfix back if it has gone.
        var canaryPassed = false
        func stoppedBeforeChange(_ failure: ApplyFailure) -> ApplyFailure {
            guard canaryPassed, let note = postfixAfterCanary(plan, say: say) else { return failure }
            var stopped = ApplyFailure(code: failure.code, reason: failure.reason, rolledBack: failure.rolledBack, log: log)
            stopped.signal = failure.signal
            stopped.postfixNote = note
            return stopped
        }
        // The directories are opened once and checked again, up to /, through the descriptors
        // the canary's copies and the writes then use: the plan's check may be minutes old (a
        // wizard's review), and a new directory was made since.
        let pins: DirectoryPins
        do { pins = try DirectoryPins(Set(plan.changedFiles.map { AtomicFileWriter.split($0.path).directory })) } catch {
            backup.discard()
            throw fail(.directoryFailed, Catalog.text("apply.failedCheckDirectory", ["error": "\(error)"]))
        }
        // The canary: the new files on a temporary loopback listener, before the live services change.
        // A configuration that fails `postfix check` now cannot be reloaded with a canary
        // in it (postfix-script cannot run postconf on it): the probes after the switch decide.
        if options.reload, options.canary, wasRunning, plan.baseline?.checkFailure != nil {
            say(Catalog.text("canary.skipped-broken-config"))
        } else if options.reload, options.canary, wasRunning {
            let canary = Canary(plan: plan, processes: processes, probe: probe, deadline: min(options.probeDeadline, 10), trustStore: trustStore, pins: pins)
            if canary.applies {
                let verdict = canary.run(say: say)
                let recovery = PostfixRecovery(processes: processes, configDirectory: plan.configDirectory, queueDirectory: plan.queueDirectory)
                if verdict.postfix == .restarted { say(recovery.sentence(verdict.postfix)) }
                if let problem = verdict.problem {
                    backup.discard()
                    var failure = fail(.canaryRefused, Catalog.text("canary.refused-nothing-changed", ["reason": problem, "postfix": recovery.sentence(verdict.postfix)]))
                    if case .down = verdict.postfix { failure.postfixNote = recovery.sentence(verdict.postfix) }
                    throw failure
                }
                if case .down = verdict.postfix {
                    backup.discard()
                    var failure = fail(.canaryRefused, Catalog.text("canary.postfix-down", ["postfix": recovery.sentence(verdict.postfix)]))
                    failure.postfixNote = recovery.sentence(verdict.postfix)
                    throw failure
                }
                say(Catalog.text("canary.passed"))
                canaryPassed = true
            }
        }
        if options.reload, options.canary, let dovecot = plan.dovecot {
            let canary = DovecotCanary(plan: plan, installation: dovecot, processes: processes, probe: probe, deadline: min(options.probeDeadline, 10), pins: pins)
            if canary.applies {
                if let problem = canary.run(say: say) {
                    backup.discard()
                    throw stoppedBeforeChange(fail(.canaryRefused, Catalog.text("dovecot.canary.refused", ["reason": problem])))
                }
                if canary.listener != nil { say(Catalog.text("dovecot.canary.passed")) }
            }
        }
        if let stop = interruption(Catalog.text("apply.stage.beforeChange")) { throw stoppedBeforeChange(stop) }
        let audit = AuditLog(path: backup.directory + "/audit.log", clock: clock)

        let writer = AtomicFileWriter(pins: pins)
        // Every new file is written whole first; only then are they renamed into place,
        // which needs no disk space: a full disk stops the run before anything is replaced.
        let staged: Result<[StagedFile], AtomicFileWriter.Failure> = SignalBlocker.withSignalsBlocked {
            Result { () throws(AtomicFileWriter.Failure) in
                try plan.changedFiles.map { file throws(AtomicFileWriter.Failure) in try file.stage(using: writer, owner: Self.owner(for: file)) }
            }
        }
        let stagedFiles: [StagedFile]
        switch staged {
        case .success(let files): stagedFiles = files
        case .failure(let error):
            backup.discard()
            throw stoppedBeforeChange(fail(.writeFailed, Catalog.text("apply.write-failed-nothing-changed", ["error": "\(error)"])))
        }
        let written: Result<Void, AtomicFileWriter.Failure> = SignalBlocker.withSignalsBlocked {
            Result { () throws(AtomicFileWriter.Failure) in
                for (file, stagedFile) in zip(plan.changedFiles, stagedFiles) {
                    try stagedFile.commit()
                    audit.record("\(file.exists ? "replaced" : "installed") \(file.path) (\(file.purpose), mode \(String(file.mode, radix: 8)))")
                }
                // Written whole and renamed into place: Postfix need not wait for them to settle.
                ConfigFileAge.dateBack(plan.changedFiles.filter(\.isConfig).map(\.path))
            }
        }
        let rollbackCommand = "sh " + BackupSet.quote(backup.directory + "/restore.sh")

        // Set once Dovecot may have loaded the new files: a rollback then reloads it too.
        var dovecotReloaded = false
        func rollBack(_ code: ApplyFailure.Code, _ reason: String, signal: Int32? = nil) -> ApplyFailure {
            let problems = SignalBlocker.withSignalsBlocked { backup.restore() }
            // The files first, then what reads them again, in the order it happens.
            audit.record(problems.isEmpty ? Catalog.text("apply.log.rolledBack", ["reason": "\(reason)"])
                : Catalog.text("apply.log.rolledBackNotRestored", ["reason": "\(reason)", "files": problems.joined(separator: Catalog.text("clause.separator"))]))
            say(problems.isEmpty ? Catalog.text("apply.rollback.restored") : Catalog.text("apply.rollback.notRestored", ["files": problems.joined(separator: Catalog.text("clause.separator"))]))
            if !sealed {
                for map in plan.sniRebuilds.map(\.reference) where SNIMapRebuild(processes: processes, configDirectory: plan.configDirectory).rebuild(map) == nil {
                    say(Catalog.text("sni.apply.rollback-rebuilt", ["map": SafeText.escape(map.type + ":" + map.name)]))
                }
            }
            // doveadm says nothing of a reload that failed: the restored files are read first.
            if dovecotReloaded, let dovecot = plan.dovecot {
                let command = DovecotCommand(processes: processes, configFile: dovecot.configFile)
                if let refused = command.gate() {
                    say(Catalog.text("dovecot.apply.rollback-refused", ["file": SafeText.escape(dovecot.configFile), "reason": refused]))
                } else if command.reload() == .reloaded {
                    say(Catalog.text("dovecot.apply.rollback-reloaded"))
                }
            }
            var failure = ApplyFailure(code: code, reason: reason, rolledBack: true, log: log)
            failure.restoreProblems = problems
            failure.signal = signal
            if !problems.isEmpty { failure.postfixNote = Catalog.text("apply.rollback.runOnceFixed", ["rollbackCommand": "\(rollbackCommand)"]) }
            guard options.reload && wasRunning else { return failure }
            // Back to the state Postfix was in: running. A reload that failed may have stopped it.
            let recovery = PostfixRecovery(processes: processes, configDirectory: plan.configDirectory, queueDirectory: plan.queueDirectory)
            switch recovery.bringBack() {
            case .running:
                say(Catalog.text("apply.rollback.reloaded"))
            case .restarted:
                say(Catalog.text("apply.rollback.restarted"))
                failure.postfixNote = [failure.postfixNote, Catalog.text("apply.rollback.stoppedRestarted")].compactMap { $0 }.joined(separator: " ")
            case .down(let why):
                say(Catalog.text("apply.rollback.notRunning"))
                failure.postfixNote = [failure.postfixNote, recovery.sentence(.down(reason: why))].compactMap { $0 }.joined(separator: " ")
            }
            return failure
        }

        if case .failure(let error) = written { throw rollBack(.writeFailed, Catalog.text("apply.writeFailed", ["error": "\(error)"])) }
        say(Catalog.text(plan.changedFiles.count == 1 ? "apply.log.wroteOneFile" : "apply.log.wroteFiles", ["count": "\(plan.changedFiles.count)"]))
        func checkpoint(_ stage: String) throws(ApplyFailure) {
            if let signal = SignalBlocker.takePending() {
                throw rollBack(.interrupted, Catalog.text("apply.interruptedUnproven", ["signal": "\(SignalBlocker.name(signal))", "stage": "\(stage)"]), signal: signal)
            }
        }
        try checkpoint(Catalog.text("apply.stage.afterWrite"))
        for update in plan.sniRebuilds where !sealed {
            if let problem = SNIMapRebuild(processes: processes, configDirectory: plan.configDirectory).apply(update) {
                throw rollBack(.mapRebuildFailed, Catalog.text("sni.apply.rebuild-failed", ["reason": problem]))
            }
            say(Catalog.text("sni.apply.rebuilt", ["map": SafeText.escape(update.reference.type + ":" + update.name)]))
        }

        if options.postfixCheck, !plan.changesPostfixConfig, !sealed {
            say(Catalog.text("apply.log.check-not-needed"))
        } else if options.postfixCheck, let verdict = PostfixCommand(processes: processes).run(plan.configDirectory) {
            guard verdict.passed else {
                throw rollBack(.postfixCheckFailed, Catalog.text("apply.checkFailed", ["configDirectory": "\(SafeText.escape(plan.configDirectory))", "reason": "\(SafeText.escape(verdict.reason))"]))
            }
            say(Catalog.text("apply.log.checkPassed"))
        } else if sealed && given.postfixCheck && !options.postfixCheck {
            say(Catalog.text("demo.sandbox.check-skipped"))
        }
        if let dovecot = plan.dovecot, !sealed {
            if let problem = DovecotCommand(processes: processes, configFile: dovecot.configFile).gate() {
                throw rollBack(.dovecotCheckFailed, Catalog.text("dovecot.apply.gate-failed", ["file": SafeText.escape(dovecot.configFile), "reason": problem]))
            }
            say(Catalog.text("dovecot.apply.gate-passed"))
        }
        try checkpoint(Catalog.text("apply.stage.afterCheck"))

        var proofs: [(service: String, host: String, port: Int, proof: ServeProof, result: ProbeResult)] = []
        if options.reload {
            if wasRunning {
                let log = MailLogWatch.start(configDirectory: plan.configDirectory, processes: processes)
                if let reload = PostfixCommand(processes: processes).run(plan.configDirectory, subcommand: "reload"), !reload.passed {
                    throw rollBack(.reloadFailed, Catalog.text("apply.reloadFailed", ["configDirectory": "\(SafeText.escape(plan.configDirectory))", "reason": "\(SafeText.escape(reload.reason))"]))
                }
                say(Catalog.text("apply.log.reloaded"))
                try checkpoint(Catalog.text("apply.stage.afterReload"))
                for target in plan.probes {
                    for proof in plan.proofsOrDefault {
                        let result = probeUntilServed(host: target.host, port: target.port, mode: target.mode, proof: proof, deadline: options.probeDeadline)
                        try checkpoint(Catalog.text("apply.stage.probing"))
                        proofs.append((target.service.rawValue, target.host, target.port, proof, result))
                        let where_ = Catalog.text("apply.probe.place", ["service": target.service.rawValue, "host": target.host, "port": "\(target.port)"]) + proof.label
                        if let problem = proofProblem(result, place: where_, proof: proof, plan: plan, log: log.quote) { throw rollBack(.notServed, problem) }
                        say(Self.served(proof, at: where_, result))
                    }
                }
            } else {
                say(Catalog.text("apply.postfixNotRunning", ["configDirectory": "\(SafeText.escape(plan.configDirectory))"]))
            }
        } else if sealed {
            say(Catalog.text("demo.sandbox.not-reloaded"))
        }
        if options.reload, let dovecot = plan.dovecot {
            let command = DovecotCommand(processes: processes, configFile: dovecot.configFile)
            dovecotReloaded = true
            switch command.reload() {
            case .notRunning where dovecotWasRunning:
                throw rollBack(.reloadFailed, Catalog.text("dovecot.apply.stopped", ["file": SafeText.escape(dovecot.configFile)]))
            case .notRunning:
                dovecotReloaded = false
                say(Catalog.text("dovecot.apply.not-running", ["file": SafeText.escape(dovecot.configFile)]))
            case .failed(let reason):
                throw rollBack(.reloadFailed, Catalog.text("dovecot.apply.reload-failed", ["file": SafeText.escape(dovecot.configFile), "reason": reason]))
            case .reloaded:
                say(Catalog.text("dovecot.apply.reloaded"))
                try checkpoint(Catalog.text("apply.stage.afterReload"))
                for listener in dovecot.listeners {
                    for proof in plan.dovecotProofs.isEmpty ? [plan.defaultProof] : plan.dovecotProofs {
                        let result = probeUntilServed(host: listener.host, port: listener.port, mode: listener.mode, proof: proof,
                                                      deadline: options.probeDeadline)
                        try checkpoint(Catalog.text("apply.stage.probing"))
                        proofs.append(("dovecot " + listener.name, listener.host, listener.port, proof, result))
                        let place = listener.label + proof.label
                        if let problem = proofProblem(result, place: place, proof: proof, plan: plan, log: "") { throw rollBack(.notServed, problem) }
                        say(Self.served(proof, at: place, result))
                    }
                }
            }
        }
        // Proven, with Dovecot's configuration written without a killed run's block (a rollback
        // would have put it back): the block's copies may go now.
        if plan.dovecot != nil {
            for stale in Canary.removeLeftoverFiles(in: plan.answers.certificateDirectory, dovecot: true) {
                say(Catalog.text("apply.staleTempFileRemoved", ["directory": SafeText.escape(plan.answers.certificateDirectory), "stale": SafeText.escape(stale)]))
            }
        }
        removeRetiredKeys(plan, audit: audit).forEach(say)
        // Proven: only now do the oldest backups go, never this change's own.
        for line in options.retention.prune(after: backup) { say(line) }
        audit.record(Catalog.text("apply.log.done", ["rollbackCommand": "\(rollbackCommand)"]))
        return ApplyOutcome(changed: true, backupDirectory: backup.directory, rollbackCommand: rollbackCommand, log: log, proofs: proofs)
    }

    /// What a run would say before writing anything, for a dry run: nil when Postfix's
    /// postconf reads the staged configuration without a complaint the current one does
    /// not have, else the refusal the run would give. `postfix check` is not run.
    public func rehearse(_ plan: ChangePlan) -> String? {
        guard !plan.hasErrors, !plan.isNoOp else { return nil }
        return StagedCheck(processes: processes, postfixCheck: false).check(plan)
    }

    /// Probes until the expected leaf is served or the deadline passes: a reload
    /// reaches new connections only as the old smtpd processes go.
    /// nil when `result` proves the change at `place`: the new leaf with the installed chain;
    /// else why not, with `log` (what the mail log said) after it.
    /// The log line of a proof that passed: the new certificate served at `place`, or the kept one still served.
    static func served(_ proof: ServeProof, at place: String, _ result: ProbeResult) -> String {
        Catalog.text(proof.kept ? "apply.log.servesKept" : "apply.log.servesNew", ["listener": place, "sha256": result.leaf?.sha256FingerprintText ?? "?"])
    }

    func proofProblem(_ result: ProbeResult, place: String, proof: ServeProof, plan: ChangePlan, log: String) -> String? {
        switch result {
        case .served(let chain) where chain.first.map { proof.leaf?.isSame(as: $0) == true } == true:
            guard let whole = ServedChain(trustStore: trustStore, privateCA: plan.answers.privateCA).finding(place: place, served: chain, installed: proof.chain) else {
                return nil
            }
            return whole.message + Catalog.text("sentence.end") + log
        case .served(let chain):
            return Catalog.text("apply.servesAnother", ["listener": place, "sha256": chain.first?.sha256FingerprintText ?? "?"]) + log
        case .failed(let reason, _, _):
            return Catalog.text("apply.probe.failed", ["place": place, "reason": reason]) + log
        }
    }

    func probeUntilServed(host: String, port: Int, mode: TLSProbeMode, proof: ServeProof, deadline: TimeInterval) -> ProbeResult {
        let leaf = proof.leaf
        let end = Date().addingTimeInterval(deadline)
        var result: ProbeResult
        // The failure that got furthest: once smtpd dies after the handshake, Postfix's
        // master throttles the service and later tries only see a closed connection.
        var furthest: ProbeResult?
        repeat {
            result = probe.probe(host: host, port: port, mode: mode, serverName: proof.serverName, keyType: proof.keyType)
            if let served = result.leaf, let leaf, served.isSame(as: leaf) { return result }
            if case .failed(_, answered: true, _) = result { furthest = result }
            usleep(300_000)
        } while Date() < end
        return furthest ?? result
    }

    /// The options for the demo sandbox: never reloaded, started or tried with a canary;
    /// `postfix check` only where it stays inside the sandbox.
    private static func sealing(_ options: Options, configDirectory: String, processes: ProcessRunner) -> Options {
        var sealed = options
        sealed.sealed = true
        sealed.reload = false
        sealed.canary = false
        sealed.postfixCheck = options.postfixCheck && DemoSandboxSeal.postfixCheckStaysInside(configDirectory, processes: processes)
        return sealed
    }

    private static func owner(for file: PlannedFile) -> (uid: uid_t, gid: gid_t)? {
        if file.ownedByRoot { return getuid() == 0 ? (0, 0) : nil }
        var info = stat()
        return lstat(file.path, &info) == 0 ? (info.st_uid, info.st_gid) : nil
    }

    /// Makes `path` and its missing parents, each in its parent opened first, and sets owner
    /// and mode through the new directory itself, never by a path that could lead elsewhere.
    /// A directory that appears while it is being made (someone else made it) is refused.
    private static func createDirectory(_ path: String) throws(AtomicFileWriter.Failure) {
        var missing: [String] = []
        var current = path
        while !FileManager.default.fileExists(atPath: current) {
            missing.insert(current, at: 0)
            current = AtomicFileWriter.split(current).directory
        }
        func failure(_ directory: String) -> AtomicFileWriter.Failure {
            AtomicFileWriter.Failure(path: directory, reason: Catalog.text("apply.cannotCreateDirectory", ["reason": "\(String(cString: strerror(errno)))"]))
        }
        for directory in missing {
            let (parent, name) = AtomicFileWriter.split(directory)
            let parentDescriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard parentDescriptor >= 0 else { throw failure(directory) }
            defer { close(parentDescriptor) }
            guard mkdirat(parentDescriptor, name, 0o700) == 0 else { throw failure(directory) }
            let descriptor = openat(parentDescriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(directory) }
            defer { close(descriptor) }
            guard getuid() != 0 || fchown(descriptor, 0, 0) == 0, fchmod(descriptor, 0o755) == 0 else { throw failure(directory) }
        }
    }

    /// `20261129T010203Z`: sortable and safe in a file name.
    static func stamp(_ date: Date) -> String {
        UTCTimestamp.format(date).filter { $0 != "-" && $0 != ":" }
    }
}
