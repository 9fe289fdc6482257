import FoundationEssentials
import Glibc

/// `check --format nagios`: the report as one Nagios/Icinga plugin line. The status is the
/// report's verdict; the text names the finding that decides it first, then the days the
/// certificate in use has left; the perfdata gives those days with the thresholds in force
/// in the plugin range syntax (`days_left=398;30:;7:`: WARNING below 30, CRITICAL below 7).
/// Thresholds by lifetime are those of the certificate in use, in days with up to two
/// decimals (a 45-day certificate: `days_left=20;15:;4.5:`).
public struct NagiosLine {
    /// The verdict, as every other format gives it.
    public let verdict: CheckVerdict
    /// The line, without its newline.
    public let text: String

    /// The line for `report`, counting days from `now`.
    public init(_ report: TLSAudit.Report, now: Date = Date()) {
        verdict = report.verdict
        let errors = report.findings.filter { $0.severity == .error }.count
        let warnings = report.findings.filter { $0.severity == .warning }.count
        let expiry = report.leaf.map { leaf in
            leaf.notAfter < now ? Catalog.text("check.nagios.expired", ["date": UTCTimestamp.format(leaf.notAfter)])
                : Catalog.text("check.nagios.days", ["days": "\(leaf.daysLeft(at: now))"])
        } ?? Catalog.text("check.nagios.no-certificate")
        var summary = expiry
        if let finding = report.decisiveFinding {
            let others = errors + warnings - 1
            let named = "\(finding.code): \(SafeText.escape(finding.message))"
                + (others > 0 ? Catalog.text("check.nagios.more", ["count": "\(others)"]) : "")
            summary = Catalog.text("check.nagios.summary", ["finding": named, "expiry": expiry])
        }
        let thresholds = report.expiry
        let perfdata = (report.leaf.map { leaf in
            let lifetime = CertificateLifetime(leaf)
            let (warn, crit) = (lifetime.days(of: thresholds.warning), lifetime.days(of: thresholds.critical))
            return ["days_left=\(leaf.daysLeft(at: now));\(CertificateLifetime.decimal(warn)):;\(CertificateLifetime.decimal(crit)):"]
        } ?? [])
            + ["errors=\(errors)", "warnings=\(warnings)"]
        text = "PFTLS \(verdict.rawValue) - \(Self.oneLine(summary)) | " + perfdata.joined(separator: " ")
    }

    /// The UNKNOWN line of a check that could not run as asked (a usage error, a report
    /// file that cannot be written): plugins exit 3 then, so that a typo in the command is
    /// not taken for a broken mail server.
    public static func unknown(_ reason: String) -> String {
        "PFTLS \(CheckVerdict.unknown.rawValue) - \(oneLine(SafeText.escape(reason)))"
    }

    /// The text on one line, without the `|` that starts perfdata.
    private static func oneLine(_ text: String) -> String {
        text.replacing("|", with: "/").replacing("\r", with: " ").replacing("\n", with: " ")
    }
}
