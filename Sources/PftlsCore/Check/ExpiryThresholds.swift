/// When `check` calls a coming expiry a warning and when an error: `--warn-days` and
/// `--crit-days`, in force for the findings and for the Nagios perfdata alike.
public struct ExpiryThresholds: Equatable, Sendable {
    /// Within this many days of its end a certificate is `expires-soon`, a warning.
    public let warnDays: Int
    /// Within this many days `expires-soon` is an error (CRITICAL).
    public let critDays: Int

    /// The thresholds; the defaults are `check`'s: 30 and 7 days.
    public init(warnDays: Int = 30, critDays: Int = 7) {
        self.warnDays = warnDays
        self.critDays = critDays
    }

    /// The options an inspection runs with to raise `expires-soon` at these thresholds.
    func applied(to options: InspectionOptions) -> InspectionOptions {
        var options = options
        options.expiryWarningDays = max(warnDays, critDays)
        options.expiryErrorDays = critDays
        return options
    }
}
