import PftlsCore
import ArgumentParser

/// The `pftls` command line.
struct PftlsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pftls",
        abstract: Catalog.text("cli.abstract"),
        discussion: Catalog.text("cli.discussion"),
        version: PftlsVersion.current,
        subcommands: [WizardCommand.self, DemoCommand.self, InspectCommand.self, CsrCommand.self, ApplyCommand.self, CheckCommand.self, RenewCommand.self, ExplainCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}

extension PftlsCommand {
    /// The usual ways in, `pftls`, `pftls wizard` and `pftls demo` with nothing more, start
    /// at once: the parser would first build the definition and help of the commands
    /// (reflection over every option), which costs the first frame milliseconds. Anything
    /// else (options, help, other commands) returns nil and goes through the parser.
    static func bareTerminalStart(_ arguments: [String]) -> (() throws -> Void)? {
        switch arguments {
        case [], ["wizard"]: { try WizardCommand.start() }
        case ["demo"]: { try DemoCommand().run() }
        default: nil
        }
    }

    /// Parses `arguments` with the whole command tree and runs the command they name. A
    /// refusal the command itself throws (`ValidationError`: a key that exists, a directory
    /// others may write) is said with that command's help to turn to, not the root's usage.
    static func parseAndRun(_ arguments: [String]) throws {
        var command = try parseAsRoot(arguments)
        do {
            try command.run()
        } catch let refusal as ValidationError {
            throw CommandRefusal(command: type(of: command).configuration.commandName ?? "", message: refusal.message)
        }
    }
}

/// A command's own refusal of its input, after the command line parsed: exit 2, with the
/// reason and where that command's help is.
struct CommandRefusal: Error {
    let command: String
    let message: String

    /// What is printed on standard error.
    var text: String {
        let heading = Catalog.text("ap.error")
        return heading + (heading.hasSuffix("：") ? "" : " ") + message + "\n  " + Catalog.text("ap.see-more", ["command": "pftls \(command) --help"]) + "\n"
    }
}
