import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// What scripts, monitoring and Ansible read: `apply --json` (answers on standard
/// input), `check --format nagios` and `--version` on standard output.
@Suite(.serialized, .tags(.endToEnd)) struct MachineOutputTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func applyJSON(_ leaf: String, _ extra: [String] = []) throws -> (status: Int32, object: [String: Any]) {
        let input = fixtures.write("answers-\(leaf).json", fixtures.answers(leaf, on: postfix).json)
        let result = try Pftls.run(["apply", "--answers", "-", "--json", "--config-dir", postfix.configDirectory] + extra,
                                   prefix: ["/bin/sh", "-c", "exec \"$0\" \"$@\" < \(input)"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                  "\(result.all)")
        return (result.status, object)
    }

    @Test func applyJSONReportsChangedThenOkAndFailsWithTheReason() throws {
        try postfix.start()
        try fixtures.issueLeaf("j")
        let dry = try applyJSON("j", ["--dry-run"])
        #expect(dry.status == 0 && dry.object["changed"] as? Bool == true && dry.object["dryRun"] as? Bool == true)
        #expect((dry.object["diffs"] as? [String: String])?.keys.contains { $0.hasSuffix("main.cf") } == true)
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"), "a dry run writes nothing")

        let real = try applyJSON("j")
        #expect(real.status == 0 && real.object["changed"] as? Bool == true && real.object["ok"] as? Bool == true, "\(real.object)")
        let probes = try #require(real.object["probes"] as? [[String: Any]])
        #expect(probes.first?["served"] as? String != nil, "the probe saw the certificate: \(probes)")
        #expect(real.object["rollbackCommand"] as? String != nil)

        let again = try applyJSON("j")
        #expect(again.status == 0 && again.object["changed"] as? Bool == false)

        try fixtures.issueLeaf("other")
        try FileManager.default.copyItem(atPath: fixtures.path("other.key"), toPath: fixtures.path("mismatch.key"))
        try FileManager.default.copyItem(atPath: fixtures.path("j.pem"), toPath: fixtures.path("mismatch.pem"))
        let bad = try applyJSON("mismatch")
        #expect(bad.status == 1 && bad.object["ok"] as? Bool == false)
        let codes = (bad.object["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(codes.contains("key-cert-mismatch"), "\(codes)")
    }

    @Test func checkInNagiosFormatGivesOneLineAndTheStatus() throws {
        let unset = try Pftls.run(["check", "--format", "nagios", "--config-dir", postfix.configDirectory, "--no-probe"])
        #expect(unset.standardOutput.hasPrefix("PFTLS WARNING - "), "no certificate set up is a warning: \(unset.all)")
        #expect(unset.status == 1)
        #expect(unset.standardOutput.split(separator: "\n").count == 1)

        try fixtures.issueLeaf("n")
        let applied = try fixtures.install("n", on: postfix, ["--no-reload"])
        #expect(applied.status == 0, "\(applied.all)")
        // The test CA is private: a warning (incomplete chain), with the days left as perfdata.
        let installed = try Pftls.run(["check", "--format", "nagios", "--config-dir", postfix.configDirectory, "--no-probe"])
        #expect(installed.standardOutput.hasPrefix("PFTLS WARNING - incomplete-chain: "), "the finding first: \(installed.all)")
        #expect(installed.standardOutput.contains("| days_left=364;30:;7: ") || installed.standardOutput.contains("| days_left=365;30:;7: "),
                "perfdata with the days left and the thresholds as plugin ranges: \(installed.standardOutput)")
        #expect(installed.status == 1)
        // The key and chain file gone: critical.
        try FileManager.default.removeItem(atPath: postfix.root + "/tls/smtpd-chain.pem")
        let broken = try Pftls.run(["check", "--format", "nagios", "--config-dir", postfix.configDirectory, "--no-probe"])
        #expect(broken.standardOutput.hasPrefix("PFTLS CRITICAL - "), "\(broken.all)")
        #expect(broken.status == 2)
    }

    @Test func checkWritesTheReportForPeopleBesideTheNagiosLine() throws {
        let arguments = ["check", "--config-dir", postfix.configDirectory, "--no-probe"]
        let nagios = try Pftls.run(arguments + ["--format", "nagios"])
        let text = try Pftls.run(arguments)
        let file = fixtures.path("report.txt")
        let both = try Pftls.run(arguments + ["--format", "nagios", "--report-file", file])
        #expect(both.status == nagios.status && both.standardOutput == nagios.standardOutput, "\(both.all)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text.standardOutput)
        #expect(text.standardOutput.contains("Findings: "), "\(text.all)")

        // A directory where the file should be: the plugin's UNKNOWN line, exit 3, the reason said.
        let refused = try Pftls.run(arguments + ["--format", "nagios", "--report-file", fixtures.directory])
        #expect(refused.status == 3 && refused.standardOutput.hasPrefix("PFTLS UNKNOWN - "), "\(refused.all)")
        #expect(refused.standardError.contains("cannot write the report"), "\(refused.standardError)")
        // As text: nothing printed, exit 2.
        let refusedText = try Pftls.run(arguments + ["--report-file", fixtures.directory])
        #expect(refusedText.status == 2 && refusedText.standardOutput.isEmpty, "\(refusedText.all)")
    }

    @Test func versionAndHelpGoToStandardOutput() throws {
        let version = try Pftls.run(["--version"])
        #expect(version.status == 0 && version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        #expect(version.standardError.isEmpty)
        let changelog = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") }
        #expect(newest?.contains("[\(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))]") == true,
                "--version matches the newest release in CHANGELOG.md: \(newest ?? "none")")
        let help = try Pftls.run(["check", "--help"])
        #expect(help.status == 0 && help.standardOutput.contains("--format"))
    }
}
