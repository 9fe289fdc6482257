import Foundation
import Testing
@testable import PftlsCore

/// One verdict for `check`, decided in one place: its words and exit statuses, the finding
/// it names first, the Nagios line built from it, and `--crit-days` in the engine.
@Suite struct CheckVerdictTests {
    private func finding(_ code: FindingCode, _ severity: Severity, _ message: String = "message") -> Finding {
        Finding(code, severity, file: nil, message: message, hint: "hint")
    }

    private func report(_ findings: [Finding], leaf: Certificate? = nil, expiry: ExpiryThresholds = ExpiryThresholds(),
                        configurationRead: Bool = true) -> TLSAudit.Report {
        TLSAudit.Report(findings: findings, services: [], filesInUse: leaf == nil ? [] : ["/etc/postfix/tls/smtpd-chain.pem"],
                        leaf: leaf, probes: [], expiry: expiry, configurationRead: configurationRead)
    }

    @Test func theMostSeriousFindingDecidesAndEachFormatExitsByItsConvention() {
        let info = finding(.derConverted, .info), warning = finding(.expiresSoon, .warning), error = finding(.staleServedCertificate, .error)
        #expect(CheckVerdict([info]) == .ok && CheckVerdict([info]).pluginExitStatus == 0 && CheckVerdict([info]).exitStatus == 0)
        #expect(CheckVerdict([info, warning]) == .warning && CheckVerdict([warning]).pluginExitStatus == 1 && CheckVerdict([warning]).exitStatus == 0)
        #expect(CheckVerdict([warning, error]) == .critical && CheckVerdict([error]).pluginExitStatus == 2 && CheckVerdict([error]).exitStatus == 1)
        #expect(CheckVerdict([error], configurationRead: false) == .unknown && CheckVerdict([], configurationRead: false).pluginExitStatus == 3)
        #expect(CheckVerdict.decisive([info, warning, error, finding(.keyPermissions, .error)]) == error, "the first of the worst")
        #expect(CheckVerdict.decisive([info]) == nil, "info decides nothing")
    }

    @Test func theNagiosLineNamesTheDecisiveFindingThenTheExpiryWithRangePerfdata() throws {
        let now = Date()
        let leaf = try CertificateFactory.issue(.server("mail.example.test", now: now, days: 398), subjectKey: try KeyGenerator.generate(.ec(curve: "P-256")))
        let findings = [finding(.expiresSoon, .warning, "soon"), finding(.staleServedCertificate, .error, "smtp serves another | one\nreally"),
                        finding(.derConverted, .info)]
        let line = NagiosLine(report(findings, leaf: leaf, expiry: ExpiryThresholds(warnDays: 45, critDays: 10)), now: now)
        #expect(line.verdict == .critical)
        #expect(line.text == "PFTLS CRITICAL - stale-served-certificate: smtp serves another / one\\nreally (+1 more); "
                + "certificate expires in 397 days | days_left=397;45:;10: errors=1 warnings=1", "\(line.text)")

        let expired = try CertificateFactory.issue(.server("mail.example.test", now: now.addingTimeInterval(-30.5 * 86_400), days: 5),
                                                   subjectKey: try KeyGenerator.generate(.ec(curve: "P-256")))
        let old = NagiosLine(report([finding(.expired, .error, "gone")], leaf: expired), now: now)
        #expect(old.text.hasPrefix("PFTLS CRITICAL - expired: gone; certificate expired on \(UTCTimestamp.format(expired.notAfter)) | days_left=-26;2:;0.6: "),
                "by lifetime, the thresholds of that 6-day certificate: \(old.text)")

        let unset = NagiosLine(report([finding(.unreadable, .error, "cannot read")], configurationRead: false), now: now)
        #expect(unset.text == "PFTLS UNKNOWN - unreadable: cannot read; no server certificate found | errors=1 warnings=0", "\(unset.text)")
        #expect(NagiosLine(report([], leaf: leaf), now: now).text.hasPrefix("PFTLS OK - certificate expires in 397 days | "))
    }

    @Test func expiresSoonIsAnErrorWithinTheCriticalDays() throws {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server("mail.example.test", days: 5), subjectKey: key)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pftls-crit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try leaf.pem.write(toFile: directory + "/leaf.pem", atomically: true, encoding: .utf8)
        func severity(_ thresholds: ExpiryThresholds?) -> Severity? {
            let options = thresholds.map { $0.applied(to: InspectionOptions()) } ?? InspectionOptions()
            return Inspector().inspect(paths: [directory + "/leaf.pem"], options: options).findings.first { $0.code == .expiresSoon }?.severity
        }
        #expect(severity(nil) == nil, "inspect and apply: 5 of 6 days left is more than a third of the lifetime")
        #expect(severity(ExpiryThresholds()) == nil, "check: likewise")
        #expect(severity(ExpiryThresholds(warnDays: 30)) == .warning, "--warn-days 30 alone: a warning, critical still by lifetime")
        #expect(severity(ExpiryThresholds(warnDays: 30, critDays: 7)) == .error, "check: within 7 days, an error")
        #expect(severity(ExpiryThresholds(warnDays: 30, critDays: 3)) == .warning)
        #expect(severity(ExpiryThresholds(warnDays: 2, critDays: 0)) == nil)
        #expect(severity(ExpiryThresholds(warnDays: 2, critDays: 6)) == .error, "a critical threshold past the warning one still counts")
    }
}
