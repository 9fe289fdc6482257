import ArgumentParser
import PftlsCore

/// `--state-dir DIR`: where the deploy ledger is (`DeployLedger`); else `PFTLS_STATE_DIR`,
/// else /var/lib/pftls when pftls runs as root.
struct StateDirectoryOption: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: ArgumentHelp(Catalog.text("ledger.state-dir.help"), valueName: "DIR"),
            transform: AbsolutePath.of)
    var path: String?

    /// The ledger in force; nil: none.
    var ledger: DeployLedger? { DeployLedger.resolve(option: path) }

    /// How a run of `command` (`apply`, `renew`) is recorded; nil: it is not.
    func recording(_ command: String) -> DeployRecording? {
        guard let ledger, let command = DeployRecord.Command(rawValue: command) else { return nil }
        return DeployRecording(ledger: ledger, command: command)
    }
}

/// `--certbot-dir DIR`: certbot's configuration directory (its live/ lineages); else
/// `PFTLS_CERTBOT_DIR`, else /etc/letsencrypt.
struct CertbotDirectoryOption: ParsableArguments {
    @Option(name: .customLong("certbot-dir"), help: ArgumentHelp(Catalog.text("ledger.certbot-dir.help"), valueName: "DIR"),
            transform: AbsolutePath.of)
    var path: String?

    /// certbot's directory in force.
    var scan: CertbotScan { CertbotScan.resolve(option: path) }
}

extension Applier.Options {
    /// These options, recording the run as `recording` says.
    func recorded(_ recording: DeployRecording?) -> Applier.Options {
        var options = self
        options.recording = recording
        return options
    }
}
