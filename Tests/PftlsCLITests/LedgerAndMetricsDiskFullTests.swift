import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// What issue 27 added that writes beside a change, met with a full disk for real (a small
/// tmpfs): the deploy ledger never fails or undoes a change that worked, and a metrics file
/// that cannot be written leaves the last one whole and says so in the check's own report.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: FullDisk.available, "needs root and the right to mount a tmpfs"))
struct LedgerAndMetricsDiskFullTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
    }

    @Test func aFullLedgerDiskIsAWarningAndTheChangeStands() throws {
        let state = try FullDisk(at: postfix.root + "/state", free: 0)
        try fixtures.issueLeaf("a")
        let applied = try fixtures.install("a", on: postfix, ["--state-dir", state.path])
        #expect(applied.status == 0, "the change worked and stays: \(applied.all)")
        #expect(applied.all.contains("not recorded in the deploy ledger"), "\(applied.all)")
        let served = TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: postfix.smtpPort, mode: .startTLS).leaf
        #expect(served?.isSame(as: Inspector().inspect(paths: [fixtures.path("a.pem")]).leaf!) == true)
        let ledger = state.path + "/ledger.jsonl"
        let left = (try? Data(contentsOf: URL(fileURLWithPath: ledger))) ?? Data()
        #expect(left.isEmpty || left.last == UInt8(ascii: "\n"), "no half-written record: \(left.count) bytes")
        // The warning is added to the outcome, not put in its place: --json still has every proof.
        try fixtures.issueLeaf("b")
        let json = try fixtures.install("b", on: postfix, ["--state-dir", state.path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(json.status == 0 && (object?["log"] as? [String])?.last?.contains("not recorded in the deploy ledger") == true, "\(json.all)")
        #expect((object?["probes"] as? [[String: Any]])?.first?["served"] as? String != nil, "\(json.all)")
    }

    @Test func aFullMetricsDiskKeepsTheLastFileWholeAndTheVerdictComesOut() throws {
        try fixtures.issueLeaf("a")
        #expect(try fixtures.install("a", on: postfix).status == 0)
        let old = "# the last metrics written\n"
        let disk = try FullDisk(at: postfix.root + "/textfile", free: 0) { directory in
            try old.write(toFile: directory + "/pftls.prom", atomically: false, encoding: .utf8)
        }
        let file = disk.path + "/pftls.prom"
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--format", "nagios", "--metrics-file", file])
        #expect(checked.standardOutput.hasPrefix("PFTLS "), "the verdict comes out: \(checked.all)")
        let report = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--metrics-file", file])
        #expect(report.standardOutput.contains("[metrics-file-failed]") && report.standardOutput.contains(file), "\(report.all)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == old, "the last metrics stay whole")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0 != "filler" && $0 != "pftls.prom" }
        #expect(left.isEmpty, "no temp file left: \(left)")
    }
}
