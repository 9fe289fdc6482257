/// Where and as what a run is recorded in the deploy ledger (`Applier.Options.recording`).
public struct DeployRecording: Sendable {
    /// The ledger to append to.
    public let ledger: DeployLedger
    /// The command making the change.
    public let command: DeployRecord.Command

    /// Records runs of `command` in `ledger`.
    public init(ledger: DeployLedger, command: DeployRecord.Command) {
        self.ledger = ledger
        self.command = command
    }
}

extension Applier {
    /// Applies `plan` (`applyUnrecorded`), then records the run in the deploy ledger when
    /// `options.recording` names one, whatever the run's outcome. The demo's sandbox (a
    /// sealed configuration) is never recorded. A ledger that cannot be written never fails
    /// or rolls back the change: it is one more progress line, a warning.
    public func apply(_ plan: ChangePlan, options: Options, progress: (String) -> Void = { _ in }) throws(ApplyFailure) -> ApplyOutcome {
        let result = Result { () throws(ApplyFailure) in try applyUnrecorded(plan, options: options, progress: progress) }
        guard let recording = options.recording, !options.sealed, !DemoSandboxSeal.isSealed(plan.configDirectory) else { return try result.get() }
        let record = DeployRecordMaker(inspector: Inspector()).record(plan, command: recording.command, now: clock.now, outcome: result)
        var warning: String?
        do { try recording.ledger.append(record) } catch {
            warning = Catalog.text("ledger.not-recorded", ["reason": error.description])
        }
        guard let warning else { return try result.get() }
        progress(warning)
        switch result {
        case .success(let outcome):
            var noted = ApplyOutcome(changed: outcome.changed, backupDirectory: outcome.backupDirectory, rollbackCommand: outcome.rollbackCommand,
                                     probes: outcome.probes, log: outcome.log + [warning])
            noted.dovecotProbes = outcome.dovecotProbes
            return noted
        case .failure(let failure):
            var noted = ApplyFailure(reason: failure.reason, rolledBack: failure.rolledBack, log: failure.log + [warning])
            noted.restoreProblems = failure.restoreProblems
            noted.postfixNote = failure.postfixNote
            noted.signal = failure.signal
            throw noted
        }
    }
}
