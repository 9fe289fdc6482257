import ArgumentParser

/// The `pftls` command line.
struct PftlsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pftls",
        abstract: "Install a TLS certificate into Postfix, checked at every step.",
        subcommands: [WizardCommand.self, DemoCommand.self, InspectCommand.self, ApplyCommand.self, CheckCommand.self, RenewCommand.self, ExplainCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}
