import FoundationEssentials
import Glibc

/// Lets Postfix read the new main.cf and master.cf before anything is written:
/// they are staged in a private directory inside the configuration directory and
/// read with `postconf -c STAGE -n` and `-M`. A warning the current configuration does
/// not already cause stops the apply. When the current configuration already fails
/// `postfix check` (pasted guide text the plan repairs), the staged copy must pass
/// `postfix -c STAGE check`, or the apply stops with Postfix's words.
struct StagedCheck {
    let processes: ProcessRunner
    /// Run `postfix check` on the staged copy when the current configuration fails it.
    /// Off for a dry run, which runs no `postfix check` (it may create queue directories).
    var postfixCheck = true

    /// What Postfix said about a staged copy, or why the copy could not be staged.
    typealias Staged = Result<StagedAnswer, StagingFailure>

    /// What Postfix said about a staged copy.
    struct StagedAnswer: Sendable {
        /// postconf's complaints; nil when Postfix is not installed.
        let complaints: [PostfixComplaint]?
        /// `postfix check`'s words when it was run on the stage and failed.
        var checkFailure: String? = nil
    }

    /// Why a copy could not be staged, as the refusal says it.
    struct StagingFailure: Error {
        let reason: String
    }

    /// nil when Postfix accepts the staged files (or is not installed); otherwise the reason.
    /// The complaints the plan staged early (`PlanBuilder.stagingEarly`) are used when there
    /// are; a configuration that fails `postfix check` now is staged again here, for that check.
    func check(_ plan: ChangePlan) -> String? {
        guard let main = plan.files.first(where: { $0.role == .mainConfig }),
              let master = plan.files.first(where: { $0.role == .masterConfig }) else { return nil }
        let recheck = postfixCheck && plan.baseline?.checkFailure != nil
        let staged = recheck ? nil : plan.stagedComplaints?.value
        return verdict(staged ?? Self.stage(main: main.textContent, master: master.textContent, configDirectory: plan.configDirectory, processes: processes) { stage in
            guard recheck, let verdict = PostfixCommand(processes: processes).run(stage), !verdict.passed else { return nil }
            return verdict.reason.replacing(stage, with: plan.configDirectory)
        }, plan: plan)
    }

    /// The refusal `staged` gives, against the complaints the configuration has now.
    private func verdict(_ staged: Staged, plan: ChangePlan) -> String? {
        let answer: StagedAnswer
        switch staged {
        case .failure(let failure): return failure.reason
        case .success(let staged): answer = staged
        }
        guard let complaints = answer.complaints else { return nil }
        let added = plan.baseline?.newComplaints(complaints) ?? complaints
        guard added.isEmpty else {
            let detail = added.map(\.text).joined(separator: "; ")
            return Catalog.text("apply.staged.postfixComplains", ["detail": "\(SafeText.escape(detail))"])
        }
        return answer.checkFailure.map { Catalog.text("staged.still-fails", ["configDirectory": SafeText.escape(plan.configDirectory), "reason": SafeText.escape($0)]) }
    }

    /// Stages `main` and `master` in a private directory inside `configDirectory`, asks
    /// postconf about them and removes the stage again. `checkStage` runs while the stage
    /// exists; its words (nil: nothing to say) refuse the copy.
    static func stage(main: [UInt8], master: [UInt8], configDirectory: String, processes: ProcessRunner,
                      checkStage: (String) -> String? = { _ in nil }) -> Staged {
        // The process id in the name: another run removes the stage only once its run is gone.
        var template = Array((configDirectory + "/.pftls-stage-\(getpid())-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            return .failure(StagingFailure(reason: Catalog.text("apply.staged.cannotCreateDirectory", ["configDirectory": "\(SafeText.escape(configDirectory))", "reason": "\(String(cString: strerror(errno)))"])))
        }
        let stage = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: stage) }
        // A copy postconf reads once before it is removed: nothing to sync to disk.
        let writer = AtomicFileWriter(synced: false)
        do {
            for (bytes, name) in [(main, "main.cf"), (master, "master.cf")] {
                try writer.write(bytes, to: stage + "/" + name, mode: 0o644)
            }
        } catch {
            return .failure(StagingFailure(reason: Catalog.text("apply.staged.cannotStage", ["error": "\(error)"])))
        }
        ConfigFileAge.dateBack(["main.cf", "master.cf"].map { stage + "/" + $0 })
        let complaints = ConfigBaseline.postconfComplaints(of: stage, reportedAs: configDirectory, processes: processes)
        guard complaints != nil else { return .success(StagedAnswer(complaints: nil)) }
        return .success(StagedAnswer(complaints: complaints, checkFailure: checkStage(stage)))
    }

    /// Removes `.pftls-stage-*` directories that a killed run left in `directory` (call it
    /// with the configuration lock held, so no live run's stage is taken); returns their names.
    static func removeStaleStages(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(".pftls-stage-") && !isInUse($0) }.filter { name in
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
            return (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil
        }
    }

    /// True when the stage named `name` belongs to a run that is still going (this one or
    /// another): `.pftls-stage-PID-XXXXXX` with PID alive. A stage without a number is an
    /// older run's, and left over.
    static func isInUse(_ name: String) -> Bool {
        let parts = name.dropFirst(".pftls-stage-".count).split(separator: "-")
        guard parts.count == 2, let pid = pid_t(parts[0]) else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
