import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `check --format prometheus` from a check report (stand-in Postfix and listeners): the
/// expiry of each leaf on disk and as served per listener and key type, the share of its
/// lifetime left, the findings by severity (every one present), whether each listener serves
/// its files, the verdict and the check time, every series labelled with the config directory.
@Suite struct CheckMetricsTests {
    let fixture = CheckFixture()
    /// Two listeners: STARTTLS on 2525, implicit TLS on 2465.
    static let master = "127.0.0.1:2525 inet n - y - - smtpd\n127.0.0.1:2465 inet n - y - - smtpd -o smtpd_tls_wrapper_mode=yes\n"

    @Test func aStaleKeyTypeAndAFailedListenerAreZeroAndEverythingElseIsAsTheReportSays() throws {
        // A file name with a quote and a backslash: its label is escaped, its series written once.
        let rsa = try fixture.chain("rsa\"q\\b.pem", ["mail.example.test"], .rsa(bits: 2048))
        let ecdsa = try fixture.chain("ecdsa.pem", ["mail.example.test"], days: 45)
        let old = try fixture.pki.issueLeaf(.server("mail.example.test", days: 20)).certificate
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(rsa.path), \(ecdsa.path)\n", master: Self.master)
        let listeners = StandInListeners { port, _, type in
            port == 2465 ? .failed(reason: "connection refused") : type == .rsa ? .serving(rsa.leaf) : .serving(old)
        }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        let now = ecdsa.leaf.notBefore.addingTimeInterval(9 * 86_400)
        let text = CheckMetrics(report, configDirectory: conf, clock: FixedClock(now)).text
        let metrics = try PrometheusText(text)
        #expect(metrics.helps == metrics.types && Set(metrics.helps).count == metrics.helps.count, "\(text)")
        let series = metrics.samples.map { "\($0.name)\($0.labels.sorted { $0.key < $1.key })" }
        #expect(Set(series).count == series.count, "no series twice: \(text)")
        #expect(metrics.samples.allSatisfy { $0.labels["config_dir"] == conf }, "\(text)")

        #expect(metrics.values("pftls_check_timestamp_seconds") == [now.timeIntervalSince1970])
        #expect(metrics.values("pftls_check_status") == [2], "stale ECDSA and a failed handshake: CRITICAL, \(report.verdict)")
        for severity in Severity.allCases {
            #expect(metrics.values("pftls_findings", ["severity": severity.rawValue]) == [Double(report.findings.filter { $0.severity == severity }.count)])
        }
        #expect(metrics.values("pftls_findings_by_code", ["code": "stale-served-certificate", "severity": "error"]) == [1], "\(text)")

        // On disk: each pair's leaf, labelled with its own file.
        let expiry = "pftls_certificate_expiry_timestamp_seconds"
        #expect(metrics.values(expiry, ["source": "file", "key_type": "RSA", "file": rsa.path]) == [rsa.leaf.notAfter.timeIntervalSince1970], "\(text)")
        #expect(metrics.values(expiry, ["source": "file", "key_type": "ECDSA", "file": ecdsa.path]) == [ecdsa.leaf.notAfter.timeIntervalSince1970])
        #expect(metrics.values("pftls_certificate_not_before_timestamp_seconds", ["source": "file", "key_type": "ECDSA"])
                == [ecdsa.leaf.notBefore.timeIntervalSince1970])
        // 9 days into a 46-day lifetime (a day back and 45 more): 37/46 left.
        let share = try #require(metrics.values("pftls_certificate_lifetime_remaining_ratio", ["source": "file", "key_type": "ECDSA"]).first)
        #expect(abs(share - ecdsa.leaf.notAfter.timeIntervalSince(now) / ecdsa.leaf.notAfter.timeIntervalSince(ecdsa.leaf.notBefore)) < 1e-9 && share < 1 && share > 0.7)

        // Served: per listener and key type; the ECDSA client gets the old leaf.
        let starttls = ["service": "127.0.0.1:2525", "address": "127.0.0.1:2525", "daemon": "postfix", "sni": ""]
        #expect(metrics.values(expiry, starttls.merging(["source": "served", "key_type": "RSA", "file": ""]) { $1 }) == [rsa.leaf.notAfter.timeIntervalSince1970])
        #expect(metrics.values(expiry, starttls.merging(["source": "served", "key_type": "ECDSA"]) { $1 }) == [old.notAfter.timeIntervalSince1970])
        #expect(metrics.values("pftls_listener_serves_installed", starttls.merging(["key_type": "RSA"]) { $1 }) == [1])
        #expect(metrics.values("pftls_listener_serves_installed", starttls.merging(["key_type": "ECDSA"]) { $1 }) == [0])
        #expect(metrics.values("pftls_listener_up", starttls) == [1, 1])
        // The listener whose handshake failed: down, not serving its files, no served leaf.
        let implicit = ["service": "127.0.0.1:2465", "address": "127.0.0.1:2465"]
        #expect(metrics.values("pftls_listener_up", implicit) == [0, 0] && metrics.values("pftls_listener_serves_installed", implicit) == [0, 0])
        #expect(metrics.values(expiry, implicit).isEmpty)
        #expect(text.contains("file=\"\(fixture.directory.path)/rsa\\\"q\\\\b.pem\""), "\(text)")
    }

    @Test func anExpiredLeafHasNoLifetimeLeftAndAnUnreadableConfigurationIsUnknown() throws {
        let leaf = try fixture.chain("leaf.pem", ["mail.example.test"], days: 10)
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(leaf.path)\n")
        let report = fixture.audit(running: false).run(configDirectory: conf)
        let after = CheckMetrics(report, configDirectory: conf, clock: FixedClock(leaf.leaf.notAfter.addingTimeInterval(86_400))).text
        #expect(try PrometheusText(after).values("pftls_certificate_lifetime_remaining_ratio") == [0], "\(after)")
        // Not running: nothing probed, no listener series, but every family declared.
        let parsed = try PrometheusText(after)
        #expect(parsed.values("pftls_listener_up").isEmpty && parsed.helps.contains("pftls_listener_serves_installed"))

        let unread = fixture.audit().run(configDirectory: fixture.directory.file("missing"))
        let unknown = try PrometheusText(CheckMetrics(unread, configDirectory: "/x", clock: FixedClock(Date())).text)
        #expect(unknown.values("pftls_check_status") == [3])
        #expect(unknown.values("pftls_findings", ["severity": "error"]) == [1] && unknown.values("pftls_findings").count == 3)
    }
}
