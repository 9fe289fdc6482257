import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

// Usage errors exit 2 (the convention of grep, diff and openssl), not
// ArgumentParser's 64; findings decide between 0 and 1.
// `--lang en|ja` chooses the language of every message before anything is parsed,
// so ArgumentParser's own errors follow it too; otherwise the environment decides.
var arguments = Array(CommandLine.arguments.dropFirst())
do {
    if let chosen = try LanguageOption.take(from: &arguments) { Catalog.language = chosen }
} catch {
    StandardStreams.writeError(error.description + "\n")
    if CheckCommand.asksForNagios(arguments) {
        StandardStreams.writeOutput(NagiosLine.unknown(error.description) + "\n")
        exit(CheckVerdict.unknown.pluginExitStatus)
    }
    exit(2)
}

// A broken installation is said before any command starts (and before curses owns the
// terminal): exit 70, EX_SOFTWARE.
if let problem = Catalog.installationProblem {
    StandardStreams.writeError(problem + "\n")
    exit(70)
}

do {
    if let start = PftlsCommand.bareTerminalStart(arguments) {
        do {
            try start()
        } catch is ValidationError {
            // Refused before it began: said in the parser's own words, with the command's usage.
            try PftlsCommand.parseAndRun(arguments)
        }
    } else {
        try PftlsCommand.parseAndRun(arguments)
    }
} catch let refusal as CommandRefusal {
    StandardStreams.writeError(refusal.text)
    exit(2)
} catch let error as any CodedError {
    // An error with a stable code is said as a finding is: the code, the reason, the fix.
    StandardStreams.writeError(CodedErrorReport.text(error))
    exit(1)
} catch {
    let code = PftlsCommand.exitCode(for: error)
    let message = ArgumentParserText.localize(PftlsCommand.fullMessage(for: error))
    if !message.isEmpty {
        // --help, --version and the help dump are answers, not errors: standard output.
        if code == .success { StandardStreams.writeOutput(message + "\n") } else { StandardStreams.writeError(message + "\n") }
    }
    if code == .validationFailure, CheckCommand.asksForNagios(arguments) {
        // A monitoring plugin's usage error is UNKNOWN (3): a typo is not a broken server.
        StandardStreams.writeOutput(NagiosLine.unknown(message.split(separator: "\n").first.map(String.init) ?? message) + "\n")
        exit(CheckVerdict.unknown.pluginExitStatus)
    }
    if code == .validationFailure {
        if !message.contains("--help") {
            StandardStreams.writeError(Catalog.text("cli.see-help") + "\n")
        }
        exit(2)
    }
    exit(code.rawValue)
}
