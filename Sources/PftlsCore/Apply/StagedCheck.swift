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

    /// nil when Postfix accepts the staged files (or is not installed); otherwise the reason.
    func check(_ plan: ChangePlan) -> String? {
        guard let main = plan.files.first(where: { $0.role == .mainConfig }),
              let master = plan.files.first(where: { $0.role == .masterConfig }) else { return nil }
        var template = Array((plan.configDirectory + "/.pftls-stage-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            return Catalog.text("apply.staged.cannotCreateDirectory", ["configDirectory": "\(SafeText.escape(plan.configDirectory))", "reason": "\(String(cString: strerror(errno)))"])
        }
        let stage = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: stage) }
        // A copy postconf reads once before it is removed: nothing to sync to disk.
        let writer = AtomicFileWriter(synced: false)
        do {
            for (file, name) in [(main, "main.cf"), (master, "master.cf")] {
                try file.write(using: writer, to: stage + "/" + name, mode: 0o644)
            }
        } catch {
            return Catalog.text("apply.staged.cannotStage", ["error": "\(error)"])
        }
        ConfigFileAge.dateBack(["main.cf", "master.cf"].map { stage + "/" + $0 })
        guard let staged = ConfigBaseline.postconfComplaints(of: stage, reportedAs: plan.configDirectory, processes: processes) else {
            return nil
        }
        let added = plan.baseline?.newComplaints(staged) ?? staged
        guard added.isEmpty else {
            let detail = added.map(\.text).joined(separator: "; ")
            return Catalog.text("apply.staged.postfixComplains", ["detail": "\(SafeText.escape(detail))"])
        }
        if postfixCheck, plan.baseline?.checkFailure != nil, let verdict = PostfixCommand(processes: processes).run(stage), !verdict.passed {
            let words = verdict.reason.replacing(stage, with: plan.configDirectory)
            return Catalog.text("staged.still-fails", ["configDirectory": SafeText.escape(plan.configDirectory), "reason": SafeText.escape(words)])
        }
        return nil
    }

    /// Removes `.pftls-stage-*` directories that a killed run left in `directory` (call it
    /// with the configuration lock held, so no live run's stage is taken); returns their names.
    static func removeStaleStages(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(".pftls-stage-") }.filter { name in
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
            return (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil
        }
    }
}
