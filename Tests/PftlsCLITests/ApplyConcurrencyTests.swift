import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Two changes to one Postfix at once: the second plan was made from files the first
/// then replaced, so it must not be applied on top of them. The result is always one
/// run's whole change, never the chain of one and the main.cf of the other.
@Suite(.serialized, .tags(.endToEnd)) struct ApplyConcurrencyTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private var smtpLevel: String {
        postfix.postconf(["-h", "smtp_tls_security_level"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func installedLeaf() -> String? {
        let text = (try? String(contentsOfFile: postfix.root + "/tls/smtpd-chain.pem", encoding: .utf8)) ?? ""
        for name in ["a", "b"] where text.contains(((try? String(contentsOfFile: fixtures.path(name + ".pem"), encoding: .utf8)) ?? "-").trimmingCharacters(in: .newlines)) {
            return name
        }
        return nil
    }

    @Test func aPlanMadeBeforeAnotherRunChangedTheFilesIsRefused() throws {
        _ = try Applier().apply(try fixtures.loopbackPlan("start", on: postfix, smtpLevel: "may"), options: Applier.Options(reload: false))
        // Both plans are made from the same files, as two runs started together make them.
        let first = try fixtures.loopbackPlan("a", on: postfix, smtpLevel: "encrypt")
        let second = try fixtures.loopbackPlan("b", on: postfix, smtpLevel: "may")
        #expect(second.files.first { $0.role == .mainConfig }?.changes == false, "the second run would leave main.cf as it found it")
        _ = try Applier().apply(first, options: Applier.Options(reload: false))
        #expect {
            _ = try Applier().apply(second, options: Applier.Options(reload: false))
        } throws: { error in
            let reason = (error as? ApplyFailure)?.reason ?? ""
            return reason.contains("changed after this change was planned") && reason.contains("Nothing was changed")
        }
        #expect(installedLeaf() == "a" && smtpLevel == "encrypt", "the first run's whole change")
    }

    @Test func twoApplyProcessesStartedTogetherEndWithOneRunsWholeChange() throws {
        try fixtures.issueLeaf("a")
        try fixtures.issueLeaf("b")
        let runs = [("a", "encrypt"), ("b", "may")].map { name, level in
            (name, level, fixtures.write(name + ".json", fixtures.answers(name, on: postfix, smtpLevel: level).json))
        }
        // The queue's directories exist, as on any installed Postfix: two `postfix check`
        // runs on a new instance race to create them.
        #expect(Shell.run("postfix", ["-c", postfix.configDirectory, "check"]).status == 0)
        for round in 0..<3 {
            let outputs = runs.map { postfix.root + "/out-\(round)-" + $0.0 }
            let pids = try zip(runs, outputs).map { run, output in
                try Spawn.start(Pftls.executable, ["apply", "--answers", run.2, "--config-dir", postfix.configDirectory, "--no-reload", "--resolver", "none"],
                                output: output)
            }
            let statuses = pids.map { pid -> Int32 in
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                return (status >> 8) & 0xff
            }
            let texts = outputs.map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }
            let leaf = try #require(installedLeaf(), "round \(round): a whole chain is installed")
            let level = runs.first { $0.0 == leaf }!.1
            #expect(smtpLevel == level, "round \(round): chain of \(leaf) with main.cf of the same run (\(smtpLevel))\n\(texts)")
            for (index, status) in statuses.enumerated() where status != 0 {
                #expect(texts[index].contains("changed after this change was planned") || texts[index].contains("Nothing to change"),
                        "round \(round): a refused run says why: \(texts[index])")
            }
            #expect(statuses.contains(0), "round \(round): one of them did its change: \(texts)")
        }
    }
}
