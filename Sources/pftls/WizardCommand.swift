import ArgumentParser
import Foundation
import PftlsCore
import PftlsUI

/// `pftls` / `pftls wizard`: the step-by-step installer in the terminal.
struct WizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: Catalog.text("WizardCommand.text")
    )

    @Option(name: .long, help: ArgumentHelp(Catalog.text("WizardCommand.text2"), valueName: "DIR"), transform: AbsolutePath.of)
    var configDir = "/etc/postfix"

    @OptionGroup var dns: ResolverOptions

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("dane.allow-mismatch.help")))
    var allowTlsaMismatch = false

    func run() throws {
        try TerminalSession.requireTerminal()
        let context = WizardContext(configDirectory: configDir, demo: nil,
                                    browseDirectory: FileManager.default.currentDirectoryPath,
                                    glyphs: TerminalSession.glyphs(), trustedOwner: 0, dns: dns.dnsCheck(allowTLSAMismatch: allowTlsaMismatch))
        let outcome = TerminalSession.run(WizardModel(context: context), runner: EffectRunner(context: context))
        if let result = outcome.model.result { print(result.lines.joined(separator: "\n")) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
