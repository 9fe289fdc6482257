import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore
import PftlsTerminal
import PftlsUI

/// What `wizard` and `demo` share: the terminal checks, the glyph and colour
/// choice, and running the session.
enum TerminalSession {
    /// Unicode unless TERM is vt100-like or the locale is not UTF-8 (an uninstalled
    /// UTF-8 locale counts as UTF-8: see `TerminalLocale`).
    static func glyphs() -> Glyphs {
        let utf8 = TerminalLocale.setUp()
        let term = ProcessEnvironment.value("TERM") ?? ""
        return term.hasPrefix("vt") || term == "dumb" || !utf8 ? .ascii : .unicode
    }

    /// Colour only when NO_COLOR is unset (the terminal's own support is checked by curses).
    static var useColors: Bool { getenv("NO_COLOR") == nil }

    /// Refuses to start without a terminal on both ends. The wizard's refusal names
    /// `pftls apply` for the same configuration; the demo's (`configDirectory` nil) names
    /// no command: its sandbox does not exist yet, and a bare `pftls apply` acts on /etc/postfix.
    static func requireTerminal(configDirectory: String?) throws {
        let command = configDirectory.map { SafeText.escape(SuggestedCommand.apply(answers: "FILE", configDirectory: $0)) }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError(command.map { Catalog.text("terminal.needed.apply", ["command": $0]) } ?? Catalog.text("demo.terminal.needed"))
        }
        guard TerminalApp.terminalIsUsable else {
            let term = ProcessEnvironment.value("TERM").map(SafeText.escape) ?? Catalog.text("terminal.term-unset")
            throw ValidationError(command.map { Catalog.text("terminal.unusable.apply", ["term": term, "command": $0]) }
                                  ?? Catalog.text("demo.terminal.unusable", ["term": term]))
        }
    }

    /// Runs the wizard and returns its outcome.
    static func run(_ model: WizardModel, runner: EffectRunner) -> TerminalApp.Outcome {
        TerminalApp.run(model, runner: runner, useColors: useColors)
    }
}
