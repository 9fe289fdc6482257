#if canImport(Glibc)
import Glibc
#endif

extension Applier {
    /// Removes the key files `plan` retired (`ChangePlan.retiredKeyFiles`), after the
    /// change has succeeded: their copies are in the change's key backups, and its
    /// rollback command puts them back. One line per file, for the log and the audit.
    func removeRetiredKeys(_ plan: ChangePlan, audit: AuditLog) -> [String] {
        plan.retiredKeyFiles.map { path in
            let shown = SafeText.escape(path)
            let line = unlink(path) == 0 || errno == ENOENT
                ? Catalog.text("apply.log.retired-key-removed", ["path": shown])
                : Catalog.text("apply.log.retired-key-kept", ["path": shown, "reason": String(cString: strerror(errno))])
            audit.record(line)
            return line
        }
    }
}
