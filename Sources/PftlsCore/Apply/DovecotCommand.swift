/// Dovecot's own commands, as a change runs them: `doveconf -n -x` as the gate after
/// writing (it opens the files the ssl lines name, which `-n` alone does not; 2.4 refuses
/// a `<` there only then), and `doveadm reload`, which exits 0 even when the reload fails:
/// only the probe afterwards proves it.
struct DovecotCommand {
    let processes: ProcessRunner
    let configFile: String

    /// What `doveadm reload` did.
    enum Reload: Equatable {
        case reloaded
        /// Dovecot does not run (doveadm's exit 75): nothing to reload or probe.
        case notRunning
        case failed(reason: String)
    }

    /// nil when doveconf reads the configuration and opens its files, else what it said.
    func gate() -> String? {
        let result: ProcessResult?
        do { result = try processes.run("doveconf", ["-c", configFile, "-n", "-x"]) } catch { return SafeText.escape("\(error)") }
        guard let result else { return Catalog.text("dovecot.apply.doveconf-missing") }
        guard result.status != 0 else { return nil }
        return said(result)
    }

    /// `doveadm -c FILE reload`.
    func reload() -> Reload {
        let result: ProcessResult?
        do { result = try processes.run("doveadm", ["-c", configFile, "reload"]) } catch { return .failed(reason: SafeText.escape("\(error)")) }
        guard let result else { return .failed(reason: Catalog.text("dovecot.apply.doveadm-missing")) }
        if result.status == 0 { return .reloaded }
        if result.status == 75 || result.errorOutput.contains("is not running") { return .notRunning }
        return .failed(reason: said(result))
    }

    /// What a run printed, escaped, else its exit status.
    private func said(_ result: ProcessResult) -> String {
        let text = [result.errorOutput, result.output].map { $0.trimmingWhitespace() }.first { !$0.isEmpty }
        return text.map(SafeText.escape) ?? Catalog.text("postfix.silent-failure", ["status": "\(result.status)"])
    }

    /// The restore script's line: reload Dovecot if it runs.
    static func restoreLine(configFile: String) -> String {
        let doveadm = "doveadm -c \(BackupSet.quote(configFile))"
        return "\(doveadm) reload 2>/dev/null || true"
    }
}
