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

    /// Parses `arguments` with the whole command tree and runs the command they name.
    static func parseAndRun(_ arguments: [String]) throws {
        var command = try parseAsRoot(arguments)
        try command.run()
    }
}
