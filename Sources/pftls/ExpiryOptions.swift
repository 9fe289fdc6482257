import ArgumentParser
import PftlsCore

/// `--warn-days` and `--crit-days`, shared by inspect and check: when `expires-soon`
/// is a warning and when an error. Left out, each is a share of the certificate's
/// lifetime (`ExpiryLimit.lifetimeWarning`, `.lifetimeCritical`), the same rule the
/// wizard and the check timer use.
struct ExpiryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.check.warnDaysHelp"), valueName: "N"))
    var warnDays: Int?

    @Option(name: .long, help: ArgumentHelp(Catalog.text("check.crit-days.help"), valueName: "N"))
    var critDays: Int?

    func validate() throws {
        if let warnDays, warnDays < 0 { throw ValidationError(Catalog.text("cli.check.warnDaysNegative")) }
        if let critDays, critDays < 0 { throw ValidationError(Catalog.text("check.crit-days.negative")) }
    }

    /// The thresholds in force.
    var thresholds: ExpiryThresholds { ExpiryThresholds(warnDays: warnDays, critDays: critDays) }
}
