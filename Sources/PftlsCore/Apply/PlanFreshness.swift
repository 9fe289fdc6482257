/// Whether a plan still describes the files on disk. A plan is made before the
/// configuration lock is taken (a wizard's review may be minutes old, and a second
/// `apply` may have waited for the first): once the lock is held, every file the plan
/// read or will write must still be the version it saw, or the run stops before
/// anything changes.
struct PlanFreshness {
    let fileSystem: FileSystem

    /// nil when every file of `plan` is still the one it was made from; else which file
    /// changed, and what to do.
    func problem(_ plan: ChangePlan) -> String? {
        for file in plan.files {
            let now = (try? fileSystem.status(of: file.path)) ?? nil
            guard now?.identity != file.basis else { continue }
            return Catalog.text("apply.plan-stale", ["path": SafeText.escape(file.path)])
        }
        return nil
    }
}
