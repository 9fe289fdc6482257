import FoundationEssentials

/// A certificate's lifetime (notAfter − notBefore) and the `expires-soon` thresholds it
/// gets from it, as the text and JSON reports of `inspect` and `check` show them.
public struct CertificateLifetime: Sendable {
    /// Start of validity.
    public let notBefore: Date
    /// End of validity.
    public let notAfter: Date

    /// The lifetime of `certificate`.
    public init(_ certificate: Certificate) {
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
    }

    /// The lifetime in days, to two decimals (an ACME certificate's 89 days 23:59:59 is 90).
    public var days: Double { Self.hundredths(notAfter.timeIntervalSince(notBefore) / 86_400) }

    /// The days before the end at which `limit` is crossed, to two decimals.
    public func days(of limit: ExpiryLimit) -> Double { Self.hundredths(limit.days(notBefore: notBefore, notAfter: notAfter)) }

    /// `inspect`'s line under the validity dates.
    public var inspectLine: String { Catalog.text("lifetime.inspect.line", ["days": Self.decimal(days)]) }

    /// `check`'s line for the certificate in use: its start, lifetime and thresholds.
    public func checkLine(_ thresholds: ExpiryThresholds) -> String {
        Catalog.text("lifetime.check.line", ["notBefore": UTCTimestamp.format(notBefore), "days": Self.decimal(days),
                                             "warn": Self.decimal(days(of: thresholds.warning)), "crit": Self.decimal(days(of: thresholds.critical))])
    }

    /// The JSON keys `notBefore` and `lifetimeDays`, and with `thresholds` also `warnDays` and `critDays`.
    public func json(_ thresholds: ExpiryThresholds? = nil) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["notBefore": .string(UTCTimestamp.format(notBefore)), "lifetimeDays": .number(days)]
        if let thresholds {
            object["warnDays"] = .number(days(of: thresholds.warning))
            object["critDays"] = .number(days(of: thresholds.critical))
        }
        return object
    }

    /// Days with at most two decimals and no trailing zero: `30`, `4.5`, `0.6`.
    public static func decimal(_ days: Double) -> String {
        let hundredths = Int((days * 100).rounded())
        let whole = "\(hundredths / 100)"
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return whole }
        let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return (hundredths < 0 && hundredths > -100 ? "-" : "") + whole + "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
    }

    private static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
