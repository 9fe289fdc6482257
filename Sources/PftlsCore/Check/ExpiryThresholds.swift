import FoundationEssentials

/// When `check` calls a coming expiry a warning and when an error: by default a share of
/// each certificate's lifetime (a third, at most 30 days; a tenth, at most 7 days), or the
/// fixed days of `--warn-days` and `--crit-days`, in force for the findings and for the
/// Nagios perfdata alike.
public struct ExpiryThresholds: Equatable, Sendable {
    /// Within this many days of its end a certificate is `expires-soon`, a warning; nil: by lifetime.
    public let warnDays: Int?
    /// Within this many days `expires-soon` is an error (CRITICAL); nil: by lifetime.
    public let critDays: Int?

    /// The thresholds; nil (the default) is a share of each certificate's lifetime.
    public init(warnDays: Int? = nil, critDays: Int? = nil) {
        self.warnDays = warnDays
        self.critDays = critDays
    }

    /// The warning threshold in force.
    public var warning: ExpiryLimit { warnDays.map(ExpiryLimit.days) ?? .lifetimeWarning }
    /// The critical threshold in force.
    public var critical: ExpiryLimit { critDays.map(ExpiryLimit.days) ?? .lifetimeCritical }

    /// `expires-soon`'s severity for `certificate` at `now` (nil: not yet, or already expired),
    /// for screens that colour an expiry date as `check` would judge it.
    public func severity(of certificate: Certificate, at now: Date) -> Severity? {
        CertificateChecks(now: now, expiryWarning: warning, expiryError: critical).expirySeverity(of: certificate)
    }

    /// The options an inspection runs with to raise `expires-soon` at these thresholds.
    public func applied(to options: InspectionOptions) -> InspectionOptions {
        var options = options
        options.expiryWarning = warning
        options.expiryError = critical
        return options
    }
}
