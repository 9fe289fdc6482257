import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A certificate's whole life, lived by the real binary under libfaketime: how many
/// days a 6-, 45-, 90- and 398-day certificate spends in WARNING and in CRITICAL, by
/// `inspect` and by `check --format nagios` (the timer's format), with no option given.
@Suite(.serialized, .tags(.endToEnd)) struct ExpiryCycleUnderFaketimeTests {
    /// A lifetime and where its thresholds lie, in hours before the end.
    struct Life: CustomStringConvertible {
        let days: Int
        let warningHours: Double
        let criticalHours: Double
        var description: String { "\(days)-day certificate" }
    }

    static let lives = [
        Life(days: 6, warningHours: 48, criticalHours: 14.4),
        Life(days: 45, warningHours: 15 * 24, criticalHours: 4.5 * 24),
        Life(days: 90, warningHours: 30 * 24, criticalHours: 7 * 24),
        Life(days: 398, warningHours: 30 * 24, criticalHours: 7 * 24),
    ]

    enum State: String { case ok, warning, critical }

    let fixtures: CLIFixtures
    let faketime = "/usr/bin/faketime"

    init() throws {
        fixtures = try CLIFixtures(directory: TemporaryDirectory.create("pftls-faketime"))
    }

    /// A leaf living exactly `days` days from now, written as NAME.key / NAME.pem.
    private func issue(_ name: String, days: Int) throws -> (key: String, certificate: String, born: Date) {
        let born = Date()
        var spec = CertificateSpec.server("mail.example.test", now: born, days: days)
        spec.notBefore = born
        let leaf = try fixtures.pki.issueLeaf(spec)
        fixtures.write(name + ".key", TestPKI.pem(leaf.key))
        fixtures.write(name + ".pem", leaf.certificate.pem + fixtures.intermediate.certificate.pem)
        return (fixtures.path(name + ".key"), fixtures.path(name + ".pem"), born)
    }

    /// Runs pftls with the clock at `born + age` seconds.
    private func run(_ arguments: [String], at age: Double, born: Date, environment: [String: String] = [:]) throws -> Pftls.Result {
        let offset = Int((born.timeIntervalSinceNow + age).rounded())
        return try Pftls.run(arguments, environment: environment, prefix: [faketime, "-f", offset >= 0 ? "+\(offset)" : "\(offset)"])
    }

    /// `inspect`'s verdict on expiry at `age` seconds into the certificate's life.
    private func inspectState(_ files: (key: String, certificate: String, born: Date), at age: Double) throws -> State {
        let result = try run(["inspect", "--json", "--hostname", "mail.example.test", "--private-ca", files.key, files.certificate],
                             at: age, born: files.born)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result.all)")
        let findings = (json["findings"] as? [[String: Any]]) ?? []
        let severity = findings.first { $0["code"] as? String == "expires-soon" }?["severity"] as? String
        switch severity {
        case nil: return .ok
        case "error": #expect(result.status == 1); return .critical
        default: return .warning
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime"), "faketime is not installed"),
          arguments: lives)
    func thresholdsLieWhereTheLifetimePutsThem(life: Life) throws {
        let files = try issue("life\(life.days)", days: life.days)
        let end = Double(life.days) * 86_400
        let margin = life.days < 10 ? 1_800.0 : 3_600.0
        let expected: [(age: Double, state: State)] = [
            (end / 2 < end - life.warningHours * 3_600 - margin ? end / 2 : 60, .ok),
            (end - life.warningHours * 3_600 - margin, .ok),
            (end - life.warningHours * 3_600 + margin, .warning),
            (end - life.criticalHours * 3_600 - margin, .warning),
            (end - life.criticalHours * 3_600 + margin, .critical),
            (end - margin, .critical),
        ]
        for point in expected {
            let state = try inspectState(files, at: point.age)
            #expect(state == point.state, "\(life) at \(point.age / 3_600) h of \(life.days * 24) h")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime"), "faketime is not installed"))
    func aFortyFiveDayCycleSpendsElevenDaysInWarningAndFourInCritical() throws {
        let files = try issue("cycle45", days: 45)
        var days: [State: Int] = [:]
        for day in 0..<45 {
            days[try inspectState(files, at: (Double(day) + 0.25) * 86_400), default: 0] += 1
        }
        // Checked at 6 h into each day: 14.75 .. 0.75 days left are within 15 days, of
        // which 3.75 .. 0.75 within 4.5 days. Under the old fixed 30 days it was 30 days of warning.
        #expect(days[.warning] == 11, "\(days)")
        #expect(days[.critical] == 4, "\(days)")
        #expect(days[.ok] == 30, "\(days)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime"), "faketime is not installed"),
          arguments: lives)
    func theTimersFormatAgrees(life: Life) throws {
        let postfix = try ThrowawayPostfix()
        let files = try issue("nagios\(life.days)", days: life.days)
        let chain = postfix.root + "/chain.pem"
        let bytes = try String(contentsOfFile: files.key, encoding: .utf8) + String(contentsOfFile: files.certificate, encoding: .utf8)
        FileManager.default.createFile(atPath: chain, contents: Data(bytes.utf8), attributes: [.posixPermissions: 0o600])
        let set = postfix.postconf(["-e", "smtpd_tls_chain_files=\(chain)", "smtpd_tls_security_level=may", "myhostname=mail.example.test"])
        #expect(set.status == 0, "\(set.all)")
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        // The test root trusted as a system root (SSL_CERT_DIR): expiry is the only finding.
        let trust = postfix.root + "/trust"
        try FileManager.default.createDirectory(atPath: trust, withIntermediateDirectories: true)
        try fixtures.root.pem.write(toFile: trust + "/root.pem", atomically: true, encoding: .utf8)
        #expect(Shell.run("openssl", ["rehash", trust]).status == 0)
        let end = Double(life.days) * 86_400
        let margin = life.days < 10 ? 1_800.0 : 3_600.0
        for (age, status) in [(end - life.warningHours * 3_600 - margin, Int32(0)), (end - life.warningHours * 3_600 + margin, 1),
                              (end - life.criticalHours * 3_600 + margin, 2)] {
            let result = try run(["check", "--no-probe", "--format", "nagios", "--config-dir", postfix.configDirectory],
                                 at: age, born: files.born, environment: ["SSL_CERT_DIR": trust])
            #expect(result.status == status, "\(life) at \(age / 3_600) h: \(result.all)")
        }
    }
}
