import FoundationEssentials

/// One threshold of `expires-soon`: how long before its end a certificate crosses it.
public enum ExpiryLimit: Equatable, Sendable {
    /// When less than `1/divisor` of the certificate's lifetime (notAfter − notBefore)
    /// remains, and at most `capDays` days before its end.
    case shareOfLifetime(divisor: Int, capDays: Int)
    /// A fixed number of days before its end (`--warn-days`, `--crit-days`).
    case days(Int)

    /// The default warning: a third of the lifetime, at most 30 days
    /// (398 days: 30; 90 days: 30; 45 days: 15; 6 days: 2).
    public static let lifetimeWarning = ExpiryLimit.shareOfLifetime(divisor: 3, capDays: 30)
    /// The default critical threshold: a tenth of the lifetime, at most 7 days
    /// (398 days: 7; 90 days: 7; 45 days: 4.5; 6 days: about 14 hours).
    public static let lifetimeCritical = ExpiryLimit.shareOfLifetime(divisor: 10, capDays: 7)

    /// The threshold, in seconds before notAfter, for a certificate valid from `notBefore` to `notAfter`.
    public func seconds(notBefore: Date, notAfter: Date) -> Double {
        switch self {
        case .days(let days): return Double(days) * 86_400
        case .shareOfLifetime(let divisor, let capDays):
            let lifetime = max(0, notAfter.timeIntervalSince(notBefore))
            return min(lifetime / Double(max(divisor, 1)), Double(capDays) * 86_400)
        }
    }

    /// The threshold in days for that certificate, as the Nagios perfdata gives it.
    public func days(notBefore: Date, notAfter: Date) -> Double {
        seconds(notBefore: notBefore, notAfter: notAfter) / 86_400
    }

    /// Whether a certificate with `secondsLeft` before its end has crossed this threshold.
    func isCrossed(secondsLeft: Double, notBefore: Date, notAfter: Date) -> Bool {
        secondsLeft <= seconds(notBefore: notBefore, notAfter: notAfter)
    }
}
