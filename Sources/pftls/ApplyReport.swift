import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// Runs a plan for `apply` and `renew` and prints progress, the backup and the
/// rollback command; a failure prints its reason and exits 1.
enum ApplyReport {
    /// Applies `plan`; returns the outcome, or nil when nothing changed.
    static func run(_ plan: ChangePlan, options: ChangeOptions, command: String,
                    processes: ProcessRunner = SystemProcessRunner(), unchanged: String) throws -> ApplyOutcome? {
        if options.json { return try runForJSON(plan, options: options, command: command, processes: processes) }
        do {
            let outcome = try Applier(processes: processes)
                .apply(plan, options: options.applierOptions(command: command)) { print("  - " + $0) }
            guard outcome.changed else {
                print(outcome.reloaded.isEmpty ? unchanged : Catalog.text("apply.report.unchanged-reloaded", ["servers": outcome.reloaded.joinedAsList()]))
                return nil
            }
            print(Catalog.text("apply.report.done", ["backupDirectory": "\(outcome.backupDirectory.map(SafeText.escape) ?? "-")"]))
            if let rollback = outcome.rollbackCommand { print(Catalog.text("apply.report.rollback", ["rollback": "\(rollback)"])) }
            return outcome
        } catch {
            StandardStreams.writeError("pftls \(command): [\(error.code)] \(error.description)\n")
            // Stopped by a signal: exit as the signal says (130 Ctrl-C, 143 SIGTERM, 129 hang-up).
            throw ExitCode(error.signal.map { 128 + $0 } ?? 1)
        }
    }

    /// A dry run's last word: what the run would say before writing (postconf on the
    /// staged files), and that `postfix check` was not run. A refusal exits 1, as the run would.
    static func rehearse(_ plan: ChangePlan, command: String, processes: ProcessRunner) throws {
        guard !plan.hasErrors, !plan.isNoOp else { return }
        if let refusal = Applier(processes: processes).rehearse(plan) {
            StandardStreams.writeError("pftls \(command): \(refusal)\n")
            throw ExitCode(1)
        }
        print(Catalog.text("dryrun.no-postfix-check"))
    }

    /// The `--json` form: the plan, then the outcome, as one object; the exit status as in text mode.
    private static func runForJSON(_ plan: ChangePlan, options: ChangeOptions, command: String, processes: ProcessRunner) throws -> ApplyOutcome? {
        var result = ApplyJSON(plan: plan, dryRun: options.dryRun)
        if options.dryRun, let refusal = Applier(processes: processes).rehearse(plan) {
            result.refuse(refusal)
            print(result.render(), terminator: "")
            throw ExitCode(1)
        }
        // A run with nothing to write still goes to the applier: it proves (and reloads) what is served.
        guard !plan.hasErrors, !options.dryRun else {
            print(result.render(), terminator: "")
            if plan.hasErrors {
                if !options.dryRun { recordRefusal(plan, options: options, command: command) }
                throw ExitCode(1)
            }
            return nil
        }
        do {
            let outcome = try Applier(processes: processes)
                .apply(plan, options: options.applierOptions(command: command))
            result.record(outcome)
            print(result.render(), terminator: "")
            return outcome.changed ? outcome : nil
        } catch {
            result.record(error)
            print(result.render(), terminator: "")
            throw ExitCode(error.signal.map { 128 + $0 } ?? 1)
        }
    }

    /// Records in the deploy ledger that `plan`, which has errors, was refused: the applier
    /// refuses it before touching anything, and records that.
    static func recordRefusal(_ plan: ChangePlan, options: ChangeOptions, command: String) {
        guard plan.hasErrors, let recording = options.state.recording(command) else { return }
        _ = try? Applier().apply(plan, options: Applier.Options(reload: false, canary: false).recorded(recording))
    }
}
