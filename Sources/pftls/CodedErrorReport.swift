import ArgumentParser
import PftlsCore

/// A coded error (`CodedError`) as the command line says it, the way it says a finding:
/// `pftls COMMAND: ERROR [code] reason` on standard error and the fix on the next line,
/// or with `--json` the result object with `error` and `code`; exit status 1.
enum CodedErrorReport {
    /// The lines for `error`, said by `pftls COMMAND` (by `pftls` when no command is named).
    static func text(_ error: any CodedError, command: String? = nil) -> String {
        let speaker = command.map { "pftls \($0)" } ?? "pftls"
        return "\(speaker): \(Severity.error.label) [\(error.codeName)] \(error.reason)\n  "
            + Catalog.text("finding.fix", ["hint": error.hint]) + "\n"
    }

    /// Says `error` for `command` (as JSON when `json`) and returns the exit status to throw.
    static func fail(_ error: any CodedError, command: String, json: Bool) -> ExitCode {
        if json {
            print(ApplyJSON(failure: error).render(), terminator: "")
        } else {
            StandardStreams.writeError(text(error, command: command))
        }
        return ExitCode(1)
    }
}
