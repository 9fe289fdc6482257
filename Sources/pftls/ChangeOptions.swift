import PftlsCore
import ArgumentParser

/// The options every command that changes Postfix's configuration shares
/// (`apply`, `renew`).
struct ChangeOptions: ParsableArguments {
    @OptionGroup var configDirectory: ConfigDirectoryOption

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.option.passphraseFile"), valueName: "FILE"))
    var passphraseFile: String?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.option.dryRun")))
    var dryRun = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.option.noReload")))
    var noReload = false

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.option.backupDirectory"), valueName: "DIR"))
    var backupDir: String?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("change.json.help")))
    var json = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("change.no-canary.help")))
    var noCanary = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("dane.allow-mismatch.help")))
    var allowTlsaMismatch = false

    @OptionGroup var dns: ResolverOptions

    @OptionGroup var dovecot: DovecotOptions

    @OptionGroup var state: StateDirectoryOption

    /// The MX-name and DANE checks a change runs before it is applied.
    var dnsCheck: MailDNSCheck? { dns.dnsCheck(allowTLSAMismatch: allowTlsaMismatch) }
}
