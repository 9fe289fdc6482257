import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// What Postfix already says is reported, and only what a change adds is held against it.
@Suite struct ConfigBaselineTests {
    @Test func complaintsAreParsedIntoLevelFileLineAndDetail() {
        let complaint = PostfixComplaint(line: "/usr/sbin/postconf: warning: /etc/postfix/main.cf, line 42: overriding earlier entry: inet_interfaces=all",
                                         directory: "/etc/postfix", configDirectory: "/etc/postfix")
        #expect(complaint.level == "warning")
        #expect(complaint.file == "/etc/postfix/main.cf")
        #expect(complaint.line == 42)
        #expect(complaint.detail == "overriding earlier entry: inet_interfaces=all")
    }

    @Test func aWarningThatMovedLinesIsNotNewButAnotherIs() {
        let before = PostfixComplaint.lines(of: "postconf: warning: /etc/postfix/main.cf, line 42: overriding earlier entry: inet_interfaces=all\n",
                                            directory: "/etc/postfix", configDirectory: "/etc/postfix")
        let baseline = ConfigBaseline(configDirectory: "/etc/postfix", postconfComplaints: before, checkComplaints: [], checkFailure: nil)
        let staged = PostfixComplaint.lines(of: """
            postconf: warning: /etc/postfix/.pftls-stage-abc/main.cf, line 40: overriding earlier entry: inet_interfaces=all
            postconf: warning: /etc/postfix/.pftls-stage-abc/master.cf: undefined parameter: mua_helo_restrictions
            """, directory: "/etc/postfix/.pftls-stage-abc", configDirectory: "/etc/postfix")
        let added = baseline.newComplaints(staged)
        #expect(added.count == 1)
        #expect(added.first?.text == "postconf: warning: /etc/postfix/master.cf: undefined parameter: mua_helo_restrictions")
    }

    @Test func findingsUsePostfixsWordsAndACheckFailureIsAnError() {
        let complaints = PostfixComplaint.lines(of: "postconf: warning: /etc/postfix/main.cf: unused parameter: bogus=1",
                                                directory: "/etc/postfix", configDirectory: "/etc/postfix")
        let baseline = ConfigBaseline(configDirectory: "/etc/postfix", postconfComplaints: complaints, checkComplaints: [],
                                      checkFailure: "postfix: fatal: chdir(/nonexistent): No such file or directory")
        let findings = baseline.findings
        #expect(findings.first?.code == .existingConfigWarning)
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("unused parameter: bogus=1") == true)
        let failure = findings.first { $0.code == .postfixCheckFailed }
        #expect(failure?.severity == .error)
        #expect(failure?.message.contains("chdir(/nonexistent)") == true)
    }

    @Test func thousandsOfOneKindBecomeOneFindingWithTheCountAndExamples() {
        let output = (0..<5000).map { "postconf: warning: /etc/postfix/main.cf: unused parameter: site\($0)_maps=hash:/x" }.joined(separator: "\n")
            + "\npostconf: warning: /etc/postfix/main.cf, line 9: overriding earlier entry: myhostname=a"
        let complaints = PostfixComplaint.lines(of: output, directory: "/etc/postfix", configDirectory: "/etc/postfix")
        let findings = ConfigBaseline(configDirectory: "/etc/postfix", postconfComplaints: complaints, checkComplaints: [], checkFailure: nil).findings
        #expect(findings.count == 2, "\(findings.map(\.message))")
        #expect(findings[0].message.contains("5000") && findings[0].message.contains("site0_maps") && !findings[0].message.contains("site3_maps"))
        #expect(findings[1].message.contains("overriding earlier entry: myhostname=a"), "another kind stays on its own")
    }

    /// The staged copy's directory is the real one wherever postconf names it: in the file a
    /// warning is about, and in the detail (`-x` expands `$config_directory` to the copy's).
    @Test func theStagedDirectoryIsNamedAsTheRealOneInFileAndDetail() {
        let stage = "/etc/postfix/.pftls-stage-Ab9"
        let staged = PostfixComplaint.lines(of: """
            /usr/sbin/postconf: fatal: \(stage)/master.cf, line 7: field "private": bad value: "x"
            postconf: warning: \(stage)/main.cf, line 3: cannot open \(stage)/sasl_passwd.db: No such file or directory
            postfix/postfix-script: warning: \(stage) is not owned by root
            """, directory: stage, configDirectory: "/etc/postfix")
        #expect(staged.map(\.level) == ["fatal", "warning", "warning"])
        #expect(staged.map(\.file) == ["/etc/postfix/master.cf", "/etc/postfix/main.cf", nil])
        #expect(staged.map(\.line) == [7, 3, nil])
        #expect(staged.map(\.detail) == ["field \"private\": bad value: \"x\"", "cannot open /etc/postfix/sasl_passwd.db: No such file or directory",
                                         "/etc/postfix is not owned by root"])
        #expect(staged[1].text == "postconf: warning: /etc/postfix/main.cf, line 3: cannot open /etc/postfix/sasl_passwd.db: No such file or directory")
    }

    /// Bytes that are not UTF-8, before the detail or in it, are shown repaired; the detail
    /// is still the end of the line and the same complaint is still recognised.
    @Test func invalidUTF8BeforeOrInTheDetailKeepsTheDetailWhole() {
        let output: [UInt8] = Array("post".utf8) + [0xFF] + Array("conf: warning: /etc/postfix/main.cf: unused parameter: a=".utf8) + [0xFE, 0x41]
            + Array("\npostconf: warning: /etc/postfix/main.cf: unused parameter: b=1\n".utf8)
        let complaints = PostfixComplaint.lines(of: output, directory: "/etc/postfix", configDirectory: "/etc/postfix")
        #expect(complaints.map(\.level) == ["warning", "warning"])
        #expect(complaints.map(\.detail) == ["unused parameter: a=\u{FFFD}A", "unused parameter: b=1"])
        #expect(complaints[0].text == "post\u{FFFD}conf: warning: /etc/postfix/main.cf: unused parameter: a=\u{FFFD}A")
        let stage = "/etc/postfix/.pftls-stage-1-x"
        let staged = PostfixComplaint.lines(of: output.split(separator: 0x0A).map { line in
            Array(String(decoding: line, as: UTF8.self).replacing("/etc/postfix/", with: stage + "/").utf8) + [0x0A] }.joined().map { $0 },
            directory: stage, configDirectory: "/etc/postfix")
        let baseline = ConfigBaseline(configDirectory: "/etc/postfix", postconfComplaints: complaints, checkComplaints: [], checkFailure: nil)
        #expect(baseline.newComplaints(staged).isEmpty, "\(staged.map(\.text))")
    }

    /// postconf warns once per unused parameter: 20,000 of them are read, in time that
    /// grows with their number, not its square.
    @Test func twentyThousandWarningsAreReadInLinearTime() {
        let stage = "/etc/postfix/.pftls-stage-Ab9"
        let output = { (count: Int) in
            (0..<count).map { "postconf: warning: \(stage)/main.cf: unused parameter: unknown_\($0)=value \($0)" }.joined(separator: "\n")
        }
        let complaints = PostfixComplaint.lines(of: output(20_000), directory: stage, configDirectory: "/etc/postfix")
        #expect(complaints.count == 20_000)
        #expect(complaints.last?.identity == "warning|/etc/postfix/main.cf|unused parameter: unknown_19999=value 19999")
        let text = (2_000, output(2_000)), more = (20_000, output(20_000))
        let growth = Growth.ratio(size: 2_000, factor: 10) { count in
            _ = PostfixComplaint.lines(of: count == text.0 ? text.1 : more.1, directory: stage, configDirectory: "/etc/postfix")
        }
        #expect(growth < 35, "10 times the warnings took \(growth) times as long")
    }

    @Test(.enabled(if: PostconfSandbox.isAvailable, "postfix is not installed"))
    func postfixCheckSpeaksOnAPseudoTerminal() throws {
        let sandbox = PostconfSandbox(mainCf: "command_directory = /nonexistent/pftls\n", masterCf: "")
        let verdict = try #require(PostfixCommand(processes: SystemProcessRunner()).run(sandbox.directory.path))
        #expect(!verdict.passed)
        #expect(verdict.reason.contains("fatal: chdir(/nonexistent/pftls)"), "\(verdict.reason)")
    }
}
