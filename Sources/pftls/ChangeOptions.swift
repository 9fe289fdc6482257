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

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(Catalog.text("backup.retention.keep.help"), valueName: "N"))
    var keepBackups: Int?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("change.json.help")))
    var json = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("change.no-canary.help")))
    var noCanary = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("dane.allow-mismatch.help")))
    var allowTlsaMismatch = false

    @OptionGroup var dns: ResolverOptions

    @OptionGroup var dovecot: DovecotOptions

    @OptionGroup var state: StateDirectoryOption

    func validate() throws {
        if let keepBackups { do { _ = try BackupRetention(keeping: keepBackups) } catch { throw ValidationError(error.description) } }
    }

    /// How many backups a successful change leaves: `--keep-backups N` of each, else the defaults.
    var retention: BackupRetention { keepBackups.flatMap { try? BackupRetention(keeping: $0) } ?? BackupRetention() }

    /// What the Applier is asked to do for `command` (apply, renew), recorded in the deploy ledger.
    func applierOptions(command: String) -> Applier.Options {
        var options = Applier.Options(reload: !noReload, backupRoot: backupDir.map(AbsolutePath.of), canary: !noCanary).recorded(state.recording(command))
        options.retention = retention
        return options
    }

    /// The MX-name and DANE checks a change runs before it is applied.
    var dnsCheck: MailDNSCheck? { dns.dnsCheck(allowTLSAMismatch: allowTlsaMismatch) }
}
