#if canImport(Glibc)
import Glibc
#endif

/// Rebuilds an indexed SNI map with `postmap -F`, which stores the files' contents (the
/// keys among them), and makes the database root's alone: postmap keeps an existing
/// database's mode, so a 0644 one would stay world-readable.
struct SNIMapRebuild {
    let processes: ProcessRunner
    let configDirectory: String

    /// `update`: its changed entries alone (`postmap -F -i`) when the plan found the database
    /// up to date, else (or when that fails) the whole database. nil when done, else why not.
    func apply(_ update: SNIMapUpdate) -> String? {
        if let entries = update.entries, incremental(update.reference, entries: entries) == nil { return nil }
        return rebuild(update.reference)
    }

    /// Stores `entries` (`name value` lines) into the existing database with `postmap -F -i -r`
    /// (`-r` replaces an entry that is there; without it postmap keeps the old value and only
    /// warns). Any warning counts as a failure: the caller then rebuilds the whole database.
    private func incremental(_ map: SNIMapReference, entries: [String]) -> String? {
        guard let database = SNIMapAudit.database(of: map), access(database, F_OK) == 0 else { return "no database" }
        let input = Array(entries.map { $0 + "\n" }.joined().utf8)
        return finish(map, database: database, failingOnWarnings: true) {
            try processes.run("postmap", ["-c", configDirectory, "-F", "-i", "-r", map.type + ":" + map.name], input: input)
        }
    }

    /// nil when the database was built and made 0600, else why not. A map whose source is
    /// gone (a rollback removed a new one) loses its database too.
    func rebuild(_ map: SNIMapReference) -> String? {
        guard let database = SNIMapAudit.database(of: map) else { return nil }
        guard access(map.name, F_OK) == 0 else {
            unlink(database)
            return nil
        }
        return finish(map, database: database) {
            try processes.runWithTerminal("postmap", ["-c", configDirectory, "-F", map.type + ":" + map.name])
        }
    }

    /// Runs `postmap` and makes the database root's alone; nil when both worked.
    private func finish(_ map: SNIMapReference, database: String, failingOnWarnings: Bool = false,
                        _ postmap: () throws -> ProcessResult?) -> String? {
        let argument = map.type + ":" + map.name
        let result: ProcessResult?
        do { result = try postmap() } catch {
            return Catalog.text("sni.apply.postmap-failed", ["map": SafeText.escape(argument), "reason": "\(error)"])
        }
        guard let result else { return Catalog.text("sni.apply.postmap-missing") }
        let said = [result.errorOutput, result.output].joined(separator: " ").trimmingBlanks()
        guard result.status == 0, !said.contains("fatal:"), !said.contains("error:"), !(failingOnWarnings && said.contains("warning:")) else {
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
