import Foundation
import Testing
import PftlsTestSupport

/// The real binary reads the set-up in force once per command: strace sees pftls' own
/// threads open main.cf and master.cf once each in `check`, `apply --dry-run` and
/// `renew --dry-run` (the postconf and postfix it runs read them too, and are not counted).
@Suite(.serialized, .tags(.endToEnd)) struct OneReadEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
    }

    /// Runs pftls with `arguments` under strace; how often pftls itself opened `names` in the configuration directory.
    private func opens(_ arguments: [String], of names: [String] = ["main.cf", "master.cf"]) throws -> (result: Pftls.Result, counts: [Int]) {
        let trace = fixtures.path("strace-\(UUID().uuidString).txt")
        let result = try Pftls.run(arguments, prefix: ["/usr/bin/strace", "-f", "-qq", "-e", "trace=open,openat,execve", "-o", trace])
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        let pid = { (line: Substring) in line.prefix { $0 != " " } }
        // The first line is pftls' own execve; any other execve is a program pftls runs.
        let programs = Set(lines.dropFirst().filter { $0.contains(" execve(") }.map(pid))
        let ours = lines.filter { !programs.contains(pid($0)) && $0.contains("open") }
        let counts = names.map { name in ours.filter { $0.contains("\"\(postfix.configDirectory)/\(name)\"") }.count }
        return (result, counts)
    }

    @Test func checkApplyDryRunAndRenewDryRunEachOpenMainCfAndMasterCfOnce() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "strace counts the opens")
        let empty = try opens(["check", "--no-probe", "--config-dir", postfix.configDirectory])
        #expect(empty.counts == [1, 1], "check: \(empty.counts) \(empty.result.all)")

        try fixtures.issueLeaf("a")
        let answers = fixtures.write("answers.json", fixtures.answers("a", on: postfix).json)
        let dryRun = try opens(["apply", "--answers", answers, "--dry-run", "--config-dir", postfix.configDirectory])
        #expect(dryRun.result.status == 0 && dryRun.counts == [1, 1], "apply --dry-run: \(dryRun.counts) \(dryRun.result.all)")

        let applied = try Pftls.run(["apply", "--answers", answers, "--no-reload", "--config-dir", postfix.configDirectory])
        #expect(applied.status == 0, "\(applied.all)")
        let configured = try opens(["check", "--no-probe", "--config-dir", postfix.configDirectory])
        #expect(configured.counts == [1, 1], "check on TLS in use: \(configured.counts) \(configured.result.all)")

        try fixtures.issueLeaf("b")
        let renew = try opens(["renew", "--dry-run", "--config-dir", postfix.configDirectory, "--key", fixtures.path("b.key"),
                               "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem")])
        #expect(renew.result.status == 0 && renew.counts == [1, 1], "renew --dry-run: \(renew.counts) \(renew.result.all)")
    }
}
