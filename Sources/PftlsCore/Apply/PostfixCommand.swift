/// Runs `postfix -c DIR check`, `reload` or `start` on a terminal, so that its reasons,
/// which Postfix writes only to syslog and a terminal, reach the user.
struct PostfixCommand {
    let processes: ProcessRunner

    /// The verdict of one `postfix` run.
    struct Verdict {
        /// True when the command exited 0 and printed no fatal error.
        let passed: Bool
        /// Everything Postfix printed, one message per line.
        let messages: String
        /// The fatal and error lines (else every line, else the exit status): never empty.
        let reason: String
    }

    /// `postfix -c DIRECTORY check`; nil when postfix is not installed.
    func run(_ directory: String) -> Verdict? {
        run(directory, subcommand: "check")
    }

    /// `postfix -c DIRECTORY SUBCOMMAND`; nil when postfix is not installed.
    func run(_ directory: String, subcommand: String) -> Verdict? {
        let result: ProcessResult?
        do { result = try processes.runWithTerminal("postfix", ["-c", directory, subcommand]) } catch {
            return Verdict(passed: false, messages: "", reason: Catalog.text("postfix.cannotRun", ["subcommand": "\(subcommand)", "error": "\(error)"]))
        }
        guard let result else { return nil }
        let messages = [result.errorOutput, result.output].filter { !$0.isEmpty }.joined(separator: "\n")
        let lines = messages.split(separator: "\n").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        let fatal = lines.filter { $0.contains("fatal:") || $0.contains("error:") || $0.contains("panic:") }
        let passed = result.status == 0 && fatal.isEmpty
        var reason = (fatal.isEmpty ? lines : fatal).joined(separator: "; ")
        if reason.isEmpty {
            reason = Catalog.text("postfix.silent-failure", ["status": "\(result.status)"])
        }
        return Verdict(passed: passed, messages: messages, reason: reason)
    }
}
