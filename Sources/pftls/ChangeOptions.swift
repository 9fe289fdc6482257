import ArgumentParser

/// The options every command that changes Postfix's configuration shares
/// (`apply`, `renew`).
struct ChangeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Postfix configuration directory.", valueName: "DIR"))
    var configDir = "/etc/postfix"

    @Option(name: .long, help: ArgumentHelp("Read the key's passphrase from FILE (first line).", valueName: "FILE"))
    var passphraseFile: String?

    @Flag(name: .long, help: "Print the plan and its diffs; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Write and check, but do not reload Postfix or probe.")
    var noReload = false

    @Option(name: .long, help: ArgumentHelp("Where backups go (default: CONFIG-DIR/pftls-backups).", valueName: "DIR"))
    var backupDir: String?
}
