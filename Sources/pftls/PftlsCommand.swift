import PftlsCore
import ArgumentParser

/// The `pftls` command line.
struct PftlsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pftls",
        abstract: Catalog.text("PftlsCommand.text"),
        version: PftlsVersion.current,
        subcommands: [WizardCommand.self, DemoCommand.self, InspectCommand.self, CsrCommand.self, ApplyCommand.self, CheckCommand.self, RenewCommand.self, ExplainCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}
