import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls check` agrees with itself: on a real, running Postfix, the text report, the JSON
/// and the Nagios line give the same verdict for the same set-up, each format exiting by its
/// own convention (text and JSON: 0 OK or WARNING, 1 CRITICAL or UNKNOWN; Nagios: 0/1/2/3).
@Suite(.serialized, .tags(.endToEnd)) struct CheckFormatsAgreeTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    /// The test root in OpenSSL's hashed-directory form, given to the runs as `SSL_CERT_DIR`:
    /// the chain is then trusted, so a healthy set-up has no warning at all.
    let trustDirectory: String

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        trustDirectory = postfix.root + "/trust"
        try FileManager.default.createDirectory(atPath: trustDirectory, withIntermediateDirectories: true)
        try fixtures.root.pem.write(toFile: trustDirectory + "/root.pem", atomically: true, encoding: .utf8)
        let rehashed = Shell.run("openssl", ["rehash", trustDirectory])
        precondition(rehashed.status == 0, rehashed.all)
        // The name the certificates are issued for, so that the host name matches.
        postfix.postconf(["-e", "myhostname=mail.example.test"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
    }

    /// What the three formats said about one set-up.
    struct Verdicts {
        let text: Pftls.Result
        let json: Pftls.Result
        let object: [String: Any]
        let nagios: Pftls.Result

        /// The codes of the warnings and errors, in the JSON's order.
        var codes: [String] {
            ((object["findings"] as? [[String: Any]]) ?? []).filter { $0["severity"] as? String != "info" }.compactMap { $0["code"] as? String }
        }
        var nagiosLine: String { String(nagios.standardOutput.prefix { $0 != "\n" }) }

        /// Every format gives `verdict`, and exits as its convention says.
        func expect(_ verdict: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let failed = verdict == "CRITICAL" || verdict == "UNKNOWN"
            let plugin: Int32 = ["OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3][verdict]!
            #expect(text.standardOutput.split(separator: "\n").last?.hasPrefix("Result: \(verdict)") == true,
                    "text: \(text.all)", sourceLocation: sourceLocation)
            #expect(text.status == (failed ? 1 : 0), "text exit status: \(text.all)", sourceLocation: sourceLocation)
            #expect(object["verdict"] as? String == verdict, "json: \(json.all)", sourceLocation: sourceLocation)
            #expect(json.status == (failed ? 1 : 0), "json exit status: \(json.all)", sourceLocation: sourceLocation)
            #expect(nagiosLine.hasPrefix("PFTLS \(verdict) - "), "nagios: \(nagios.all)", sourceLocation: sourceLocation)
            #expect(nagios.standardOutput.split(separator: "\n").count == 1, "one line: \(nagios.all)", sourceLocation: sourceLocation)
            #expect(nagios.status == plugin, "nagios exit status: \(nagios.all)", sourceLocation: sourceLocation)
            // The counts in JSON are those of its findings, and the Nagios perfdata says the same.
            let findings = (object["findings"] as? [[String: Any]]) ?? []
            let counts = (object["counts"] as? [String: Int]) ?? [:]
            for severity in ["error", "warning", "info"] {
                #expect(counts[severity] == findings.filter { $0["severity"] as? String == severity }.count,
                        "counts.\(severity): \(json.standardOutput)", sourceLocation: sourceLocation)
            }
            #expect(nagiosLine.hasSuffix("errors=\(counts["error"] ?? -1) warnings=\(counts["warning"] ?? -1)"), "\(nagiosLine)",
                    sourceLocation: sourceLocation)
        }
    }

    /// `check` in the three formats, with the test root trusted.
    private func check(_ extra: [String] = [], configDirectory: String? = nil) throws -> Verdicts {
        let arguments = ["check", "--config-dir", configDirectory ?? postfix.configDirectory] + extra
        let environment = ["SSL_CERT_DIR": trustDirectory]
        let text = try Pftls.run(arguments, environment: environment)
        let json = try Pftls.run(arguments + ["--json"], environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any], "\(json.all)")
        let nagios = try Pftls.run(arguments + ["--format", "nagios"], environment: environment)
        return Verdicts(text: text, json: json, object: object, nagios: nagios)
    }

    /// Installs a leaf valid for `days` more days (issued a day ago) with `apply`, on
    /// smtp and submissions, and waits until both serve it.
    @discardableResult
    private func install(_ name: String, days: Int) throws -> Certificate {
        try postfix.start()
        let leaf = try fixtures.issueLeaf(name, days: days)
        let applied = try fixtures.install(name, on: postfix, services: [.smtp, .submissions])
        #expect(applied.status == 0, "\(applied.all)")
        return leaf
    }

    @Test func aHealthySetUpIsOKEverywhere() throws {
        try install("ok", days: 365)
        let healthy = try check()
        healthy.expect("OK")
        #expect(healthy.nagiosLine.hasPrefix("PFTLS OK - certificate expires in 364 days | "), "\(healthy.nagiosLine)")
        // The perfdata in the plugin range syntax: WARNING below 30 days, CRITICAL below 7.
        #expect(healthy.nagiosLine.contains(" | days_left=364;30:;7: "), "\(healthy.nagiosLine)")
        #expect(try check(["--warn-days", "45", "--crit-days", "10"]).nagiosLine.contains(" | days_left=364;45:;10: "))
    }

    @Test func oneWarningIsAWarningEverywhere() throws {
        try install("soon", days: 20)
        // By its lifetime (21 days) 19 days left is healthy: a warning from 7 days left, critical from 2.1.
        let byLifetime = try check()
        byLifetime.expect("OK")
        #expect(byLifetime.nagiosLine.contains("| days_left=19;7:;2.1: errors=0 warnings=0"), "\(byLifetime.nagiosLine)")
        // Fixed days override the lifetime.
        let soon = try check(["--warn-days", "30", "--crit-days", "7"])
        soon.expect("WARNING")
        #expect(soon.codes == ["expires-soon"], "one warning only: \(soon.codes)")
        #expect(soon.text.standardOutput.contains("[expires-soon]"), "\(soon.text.standardOutput)")
        #expect(soon.nagiosLine.hasPrefix("PFTLS WARNING - expires-soon: "), "\(soon.nagiosLine)")
        #expect(soon.nagiosLine.contains("; certificate expires in 19 days | days_left=19;30:;7: errors=0 warnings=1"), "\(soon.nagiosLine)")

        // Below the warning threshold in force: OK in every format.
        try check(["--warn-days", "10"]).expect("OK")
        // Within --crit-days: CRITICAL in every format, the threshold in the perfdata.
        let critical = try check(["--warn-days", "30", "--crit-days", "25"])
        critical.expect("CRITICAL")
        #expect(critical.nagiosLine.hasPrefix("PFTLS CRITICAL - expires-soon: ") && critical.nagiosLine.contains("| days_left=19;30:;25: "),
                "\(critical.nagiosLine)")
    }

    @Test func aStaleServedCertificateIsCriticalEverywhereAndNamedFirst() throws {
        try install("served", days: 400)
        try check().expect("OK")
        // The chain file replaced behind Postfix's back, without a reload.
        let replacement = try fixtures.issueLeaf("replacement", days: 399)
        let key = try String(contentsOfFile: fixtures.path("replacement.key"), encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: postfix.root + "/tls/smtpd-chain.pem",
                                               contents: Data((key + replacement.pem + fixtures.intermediate.certificate.pem).utf8),
                                               attributes: [.posixPermissions: 0o600]))
        let stale = try check()
        stale.expect("CRITICAL")
        #expect(stale.codes == ["stale-served-certificate", "stale-served-certificate"], "smtp and submissions: \(stale.codes)")
        #expect(stale.text.standardOutput.contains("[stale-served-certificate]"), "\(stale.text.standardOutput)")
        // The worst finding first, then the expiry.
        let line = stale.nagiosLine
        #expect(line.hasPrefix("PFTLS CRITICAL - stale-served-certificate: 127.0.0.1:\(postfix.smtpPort) "), "\(line)")
        #expect(line.contains("serves another certificate"), "\(line)")
        #expect(line.contains(" (+1 more); certificate expires in 398 days | days_left=398;30:;7: errors=2 warnings=0"), "\(line)")
        // The hint also names another program answering on that address.
        let hints = ((stale.object["findings"] as? [[String: Any]]) ?? []).compactMap { $0["hint"] as? String }
        #expect(hints.contains { $0.contains("run `postfix -c \(postfix.configDirectory) reload`") && $0.contains("127.0.0.1:\(postfix.smtpPort)")
            && $0.contains("another program") && $0.contains("ss -ltnp 'sport = :\(postfix.smtpPort)'") }, "\(hints)")
    }

    @Test func aConfigurationThatCannotBeReadIsUnknownEverywhere() throws {
        let missing = postfix.root + "/no-such-directory"
        let unknown = try check(["--no-probe"], configDirectory: missing)
        unknown.expect("UNKNOWN")
        #expect(unknown.nagiosLine.hasPrefix("PFTLS UNKNOWN - unreadable: "), "\(unknown.nagiosLine)")
    }

    @Test func aNagiosCheckThatCannotRunAsAskedIsUnknownNotCritical() throws {
        // A typo in the plugin's arguments (PFTLS_CHECK_ARGS, an NRPE command line).
        let typo = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--format", "nagios", "--warn-day", "20"])
        #expect(typo.status == 3, "\(typo.all)")
        #expect(typo.standardOutput.hasPrefix("PFTLS UNKNOWN - ") && typo.standardOutput.contains("--warn-day"), "\(typo.all)")
        let sameTypoAsText = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--warn-day", "20"])
        #expect(sameTypoAsText.status == 2, "other formats keep the usage error's 2: \(sameTypoAsText.all)")
        // The parser's reading decides: the last --format counts, --json wins, and a bad --lang is a usage error too.
        for (arguments, status) in [(["--format", "nagios", "--format", "text", "--bogus"], Int32(2)), (["--json", "--format", "nagios", "--bogus"], 2),
                                    (["--format", "nagios", "--lang", "xx"], 3), (["--format=NAGIOS"], 3)] {
            let run = try Pftls.run(["check", "--config-dir", postfix.configDirectory] + arguments)
            #expect(run.status == status && run.standardOutput.hasPrefix("PFTLS UNKNOWN - ") == (status == 3), "\(arguments): \(run.all)")
        }
        // A report file that cannot be written.
        let unwritable = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--no-probe", "--format=nagios",
                                        "--report-file", postfix.root + "/no-such-directory/report.txt"])
        #expect(unwritable.status == 3, "\(unwritable.all)")
        #expect(unwritable.standardOutput.hasPrefix("PFTLS UNKNOWN - ") && unwritable.standardOutput.contains("cannot write the report"), "\(unwritable.all)")
    }
}
