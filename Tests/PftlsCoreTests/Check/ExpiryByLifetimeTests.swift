import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Issue 27: `expires-soon` by a share of the lifetime. A warning when less than a third is
/// left (at most 30 days before the end), an error when less than a tenth is (at most 7 days),
/// counted over a whole simulated cycle of 6-, 45-, 90- and 398-day certificates.
@Suite struct ExpiryByLifetimeTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A server certificate valid from `start` for exactly `days` days.
    private func certificate(days: Int) throws -> Certificate {
        var spec = CertificateSpec.server("mail.example.test", now: Self.start, days: days)
        spec.notBefore = Self.start
        return try TestPKI.shared.issueLeaf(spec).certificate
    }

    /// Hours of one cycle spent in WARNING and in CRITICAL under `thresholds`, checked hourly.
    private func hours(days: Int, thresholds: ExpiryThresholds = ExpiryThresholds()) throws -> (warning: Int, critical: Int) {
        let leaf = try certificate(days: days)
        var counts = (warning: 0, critical: 0)
        for hour in 0..<(days * 24) {
            let checks = CertificateChecks(now: Self.start.addingTimeInterval(Double(hour) * 3_600),
                                           expiryWarning: thresholds.warning, expiryError: thresholds.critical)
            switch checks.expirySeverity(of: leaf) {
            case .warning: counts.warning += 1
            case .error: counts.critical += 1
            default: break
            }
        }
        return counts
    }

    @Test(arguments: [(6, 2.0, 0.6), (45, 15.0, 4.5), (90, 30.0, 7.0), (398, 30.0, 7.0)])
    func aCycleWarnsAndGoesCriticalAtTheIssuesDays(days: Int, warnAt: Double, critAt: Double) throws {
        let counts = try hours(days: days)
        // Hourly samples: the thresholds, in hours, rounded down.
        #expect(counts.critical == Int(critAt * 24), "\(days)-day certificate: \(counts)")
        #expect(counts.warning == Int(warnAt * 24) - Int(critAt * 24), "\(days)-day certificate: \(counts)")
    }

    @Test func explicitDaysOverrideTheLifetime() throws {
        let counts = try hours(days: 45, thresholds: ExpiryThresholds(warnDays: 30, critDays: 7))
        #expect(counts.critical == 7 * 24 && counts.warning == 23 * 24, "\(counts)")
        let warnOnly = try hours(days: 45, thresholds: ExpiryThresholds(warnDays: 20))
        #expect(warnOnly.critical == 108 && warnOnly.warning == 20 * 24 - 108, "--warn-days alone keeps the critical share: \(warnOnly)")
    }

    @Test func inspectWithAFixedClockWarnsByLifetimeDayByDay() throws {
        let leaf = try certificate(days: 45)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pftls-lifetime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try leaf.pem.write(toFile: directory + "/leaf.pem", atomically: true, encoding: .utf8)
        var inspect: [Severity?] = [], check: [Severity?] = []
        for day in 0..<45 {
            let inspector = Inspector(clock: FixedClock(Self.start.addingTimeInterval(Double(day) * 86_400)))
            func severity(_ options: InspectionOptions) -> Severity? {
                inspector.inspect(paths: [directory + "/leaf.pem"], options: options).findings.first { $0.code == .expiresSoon }?.severity
            }
            inspect.append(severity(InspectionOptions()))
            check.append(severity(ExpiryThresholds().applied(to: InspectionOptions())))
        }
        // Days 0-29 are healthy (more than 15 days left); from day 30 a warning, from day 41 (4 days left) critical.
        #expect(inspect.prefix(30).allSatisfy { $0 == nil } && inspect.dropFirst(30).allSatisfy { $0 == .warning }, "\(inspect)")
        #expect(check.prefix(30).allSatisfy { $0 == nil } && check[30...40].allSatisfy { $0 == .warning }
                && check.dropFirst(41).allSatisfy { $0 == .error }, "\(check)")
    }

    @Test func reportsShowTheStartAndTheLifetime() throws {
        let leaf = try certificate(days: 45)
        let now = Self.start.addingTimeInterval(25 * 86_400)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pftls-lifetime-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try leaf.pem.write(toFile: directory + "/leaf.pem", atomically: true, encoding: .utf8)
        let report = Inspector(clock: FixedClock(now)).inspect(paths: [directory + "/leaf.pem"], options: InspectionOptions())
        #expect(InspectionText(report).render().contains("lifetime: 45 days"))
        let json = InspectionJSON(report).render()
        #expect(json.contains("\"lifetimeDays\" : 45") && json.contains("\"notBefore\" : \"\(UTCTimestamp.format(Self.start))\""), "\(json)")
        let audit = TLSAudit.Report(findings: [], services: [], filesInUse: [directory + "/leaf.pem"], leaf: leaf, probes: [],
                                    expiry: ExpiryThresholds(), configurationRead: true)
        #expect(NagiosLine(audit, now: now).text.hasSuffix("| days_left=20;15:;4.5: errors=0 warnings=0"), "\(NagiosLine(audit, now: now).text)")
        #expect(CertificateLifetime(leaf).checkLine(ExpiryThresholds(critDays: 2)).hasSuffix("a warning from 15 days left, critical from 2"))
    }

    @Test func theWizardColoursTheExpiryByTheSameRule() throws {
        let leaf = try certificate(days: 45)
        let severities = [10, 35, 42].map { ExpiryThresholds().severity(of: leaf, at: Self.start.addingTimeInterval(Double($0) * 86_400)) }
        #expect(severities == [nil, .warning, .error], "\(severities)")
    }

    @Test func thresholdsInDaysForThePerfdata() throws {
        let leaf = try certificate(days: 45)
        let thresholds = ExpiryThresholds()
        #expect(thresholds.warning.days(notBefore: leaf.notBefore, notAfter: leaf.notAfter) == 15)
        #expect(thresholds.critical.days(notBefore: leaf.notBefore, notAfter: leaf.notAfter) == 4.5)
        #expect([30, 4.5, 0.6, 0.25, 2.0 / 3].map(CertificateLifetime.decimal) == ["30", "4.5", "0.6", "0.25", "0.67"])
    }
}
