import ArgumentParser
import PftlsCore

/// `--config-dir DIR`, shared by every command that works on a Postfix configuration
/// (wizard, csr, apply, check, renew): one declaration, one help text, made absolute
/// when it is read (`AbsolutePath`). The directory is judged once, by reading the set-up in
/// force (`TLSSetupInForce.read`): a failure names the file, the errno and the fix.
struct ConfigDirectoryOption: ParsableArguments {
    @Option(name: .customLong("config-dir"), help: ArgumentHelp(Catalog.text("config-dir.help"), valueName: "DIR"),
            transform: AbsolutePath.of)
    var path = PostfixInstallation.standardConfigDirectory
}
