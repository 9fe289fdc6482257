import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore
import PftlsUI

/// `pftls` / `pftls wizard`: the step-by-step installer in the terminal.
struct WizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: Catalog.text("cli.wizard.abstract")
    )

    @OptionGroup var configDirectory: ConfigDirectoryOption

    @OptionGroup var dns: ResolverOptions

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("dane.allow-mismatch.help")))
    var allowTlsaMismatch = false

    func run() throws {
        try Self.start(configDirectory: configDirectory.path, resolver: dns.resolver, allowTLSAMismatch: allowTlsaMismatch)
    }

    /// Runs the wizard on the configuration in `configDirectory`.
    static func start(configDirectory: String = PostfixInstallation.standardConfigDirectory, resolver: String? = nil, allowTLSAMismatch: Bool = false) throws {
        let dns = try ResolverOptions.dnsCheck(resolver: resolver, allowTLSAMismatch: allowTLSAMismatch)
        try TerminalSession.requireTerminal(configDirectory: configDirectory)
        var context = WizardContext(configDirectory: configDirectory, demo: nil,
                                    browseDirectory: FileManager.default.currentDirectoryPath,
                                    glyphs: TerminalSession.glyphs(), trustedOwner: 0, dns: dns)
        context.ledger = DeployLedger.resolve(option: nil)
        let outcome = TerminalSession.run(WizardModel(context: context), runner: EffectRunner(context: context))
        if let result = outcome.model.result { print(result.lines.joined(separator: "\n")) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        // A write that was refused or rolled back ends as apply's does: exit 1, for scripts.
        if outcome.model.result?.succeeded == false { throw ExitCode(1) }
    }
}
