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
        // The same outcome (proofs and all), with the warning as its last line.
        switch result {
        case .success(var noted):
            noted.log.append(warning)
            return noted
        case .failure(var noted):
            noted.log.append(warning)
            throw noted
        }
    }
}
