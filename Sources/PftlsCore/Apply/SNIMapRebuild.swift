#if canImport(Glibc)
import Glibc
#endif

/// Rebuilds an indexed SNI map with `postmap -F`, which stores the files' contents (the
/// keys among them), and makes the database root's alone: postmap keeps an existing
/// database's mode, so a 0644 one would stay world-readable.
struct SNIMapRebuild {
    let processes: ProcessRunner
    let configDirectory: String

    /// nil when the database was built and made 0600, else why not. A map whose source is
    /// gone (a rollback removed a new one) loses its database too.
    func rebuild(_ map: SNIMapReference) -> String? {
        guard let database = SNIMapAudit.database(of: map) else { return nil }
        guard access(map.name, F_OK) == 0 else {
            unlink(database)
            return nil
        }
        let argument = map.type + ":" + map.name
        let result: ProcessResult?
        do { result = try processes.runWithTerminal("postmap", ["-c", configDirectory, "-F", argument]) } catch {
            return Catalog.text("sni.apply.postmap-failed", ["map": SafeText.escape(argument), "reason": "\(error)"])
        }
        guard let result else { return Catalog.text("sni.apply.postmap-missing") }
        let said = [result.errorOutput, result.output].joined(separator: " ").trimmingBlanks()
        guard result.status == 0, !said.contains("fatal:"), !said.contains("error:") else {
            return Catalog.text("sni.apply.postmap-failed", ["map": SafeText.escape(argument),
                                                             "reason": SafeText.escape(said.isEmpty ? "exit \(result.status)" : said)])
        }
        if getuid() == 0 { chown(database, 0, 0) }
        guard chmod(database, 0o600) == 0 else {
            return Catalog.text("sni.apply.chmod-failed", ["database": SafeText.escape(database), "reason": String(cString: strerror(errno))])
        }
        return nil
    }
}
