import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Renewal after renewal of a real Postfix, with the canary and the probes: each one quick,
/// and the backups bounded (10 sets, 3 key copies, or `--keep-backups N`), so the disk use
/// stays flat. A change that does not succeed removes nothing.
@Suite(.serialized, .tags(.endToEnd)) struct BackupRetentionEndToEndTests {
    let serving: ServingPostfix
    var postfix: ThrowawayPostfix { serving.postfix }
    var fixtures: CLIFixtures { serving.fixtures }
    var backupRoot: String { postfix.configDirectory + "/pftls-backups" }
    var keyRoot: String { postfix.root + "/tls/.pftls-backups" }

    init() throws {
        serving = try ServingPostfix()
        try fixtures.issueLeaf("b")
    }

    /// `pftls renew` to leaf `leaf` with the default options (canary and probes), and `arguments`.
    private func renew(_ leaf: String, _ arguments: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path(leaf + ".key"), "--cert", fixtures.path(leaf + ".pem"),
                       "--chain", fixtures.path("intermediate.pem")] + arguments)
    }

    /// The sets pftls made in `root`, oldest first.
    private func sets(_ root: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(BackupStamp.init(name:)).sorted().map(\.name)
    }

    /// What `du` counts under `roots`: the blocks of every directory and file, links not followed.
    private func diskUse(_ roots: [String]) -> Int {
        roots.reduce(0) { total, root in
            let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
            return total + ([root] + names.map { root + "/" + $0 }).reduce(0) { sum, path in
                var info = stat()
                return sum + (lstat(path, &info) == 0 ? Int(info.st_blocks) * 512 : 0)
            }
        }
    }

    @Test func thirtyRenewalsInARowEachQuickWithTenBackupSetsAndThreeKeyCopiesAndFlatDiskUse() throws {
        let count = 30
        var seconds: [Double] = []
        var use: [Int] = []
        for run in 1...count {
            let start = ContinuousClock.now
            let renewed = try renew(run % 2 == 1 ? "b" : "a")
            let elapsed = ContinuousClock.now - start
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            try #require(renewed.status == 0, "renewal \(run): \(renewed.all)")
            // The installation by `apply` made the first backup set (and no key copy: there was no key
            // file to replace): renewal n leaves n + 1 sets and n key copies, up to the limits.
            #expect(sets(backupRoot).count == min(run + 1, 10), "renewal \(run)")
            #expect(sets(keyRoot).count == min(run, 3), "renewal \(run)")
            #expect(renewed.standardOutput.contains(sets(backupRoot).last ?? "-"), "the set the rollback command names stays")
            use.append(diskUse([backupRoot, keyRoot]))
        }
        let sorted = seconds.sorted()
        let median = sorted[sorted.count / 2]
        print("\(count) renewals: median \(String(format: "%.3f", median)) s, max \(String(format: "%.3f", sorted.last!)) s, "
              + "backups \(use.last! / 1024) KiB (after renewal 9: \(use[8] / 1024) KiB); \(use.map { $0 / 1024 })")
        #expect(median < 2, "median \(median) s: \(seconds)")
        // Full from the 9th renewal on (10 sets): the disk use no longer grows, and once the sets of
        // the first renewals (which also saved main.cf) are gone, it stays the same.
        #expect(use[9...].allSatisfy { $0 <= use[8] }, "\(use)")
        let settled = use[20...]
        #expect(settled.max()! - settled.min()! <= settled.min()! / 20, "\(use)")
        // Every key copy left is 0600.
        for set in sets(keyRoot) {
            for file in try FileManager.default.contentsOfDirectory(atPath: keyRoot + "/" + set) {
                let mode = try FileManager.default.attributesOfItem(atPath: keyRoot + "/" + set + "/" + file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(set)/\(file)")
            }
        }
    }

    @Test func keepBackupsTwoKeepsTwoOfEach() throws {
        for run in 1...5 {
            let renewed = try renew(run % 2 == 1 ? "b" : "a", ["--keep-backups", "2"])
            try #require(renewed.status == 0, "\(renewed.all)")
        }
        #expect(sets(backupRoot).count == 2)
        #expect(sets(keyRoot).count == 2)
    }

    @Test(arguments: ["0", "-1"]) func keepingFewerThanOneIsAUsageError(_ count: String) throws {
        let before = sets(backupRoot)
        let refused = try renew("b", ["--keep-backups", count])
        #expect(refused.status == 2, "\(refused.all)")
        #expect(refused.standardError.contains("--keep-backups \(count)") && refused.standardError.contains("1 or more"), "\(refused.all)")
        #expect(sets(backupRoot) == before)
    }

    /// Old sets from 2020: 12 backup sets as a pftls before markers left them (unmarked: in the
    /// default backup root they are this instance's), and 5 key-copy sets marked for this instance.
    private func seedOldSets() {
        for (root, count) in [(backupRoot, 12), (keyRoot, 5)] {
            mkdir(root, 0o700)
            for second in 0..<count {
                let set = root + "/20200101T0000\(10 + second)Z"
                mkdir(set, 0o700)
                FileManager.default.createFile(atPath: set + "/restore.sh", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o700])
                if root == keyRoot { mark(set, configDirectory: postfix.configDirectory) }
            }
        }
    }

    private func mark(_ set: String, configDirectory: String) {
        FileManager.default.createFile(atPath: set + "/" + BackupSetMarker.fileName,
                                       contents: Data(BackupSetMarker(configDirectory: configDirectory).text(partner: nil)),
                                       attributes: [.posixPermissions: 0o600])
    }

    @Test func aRefusedRenewalRemovesNothing() throws {
        seedOldSets()
        let before = (sets(backupRoot), sets(keyRoot))
        try fixtures.issueLeaf("c")
        let refused = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("a.key"),
                                     "--cert", fixtures.path("c.pem"), "--chain", fixtures.path("intermediate.pem")])
        #expect(refused.status == 1, "\(refused.all)")
        #expect(sets(backupRoot) == before.0 && sets(keyRoot) == before.1)
        // The next renewal that succeeds trims them.
        let renewed = try renew("b")
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(sets(backupRoot).count == 10 && sets(keyRoot).count == 3)
        #expect(renewed.standardOutput.contains("removed 4 older backup sets"), "\(renewed.all)")
        #expect(renewed.standardOutput.contains("removed 3 older sets of key copies"), "\(renewed.all)")
    }

    @Test func keyCopiesOfAnotherInstanceOrOfAPftlsBeforeMarkersStay() throws {
        seedOldSets()
        // The certificate directory also serves another instance, and holds a set of a pftls before markers.
        let other = keyRoot + "/20190101T000001Z"
        mkdir(other, 0o700)
        mark(other, configDirectory: "/etc/postfix-other")
        mkdir(keyRoot + "/20190101T000000Z", 0o700)
        let renewed = try renew("b")
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(sets(keyRoot).count == 5 && sets(keyRoot).prefix(2) == ["20190101T000000Z", "20190101T000001Z"], "\(sets(keyRoot))")
    }

    /// Serves nothing: the proof after the reload fails and the change is rolled back.
    struct NothingServed: ListenerProbing {
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult { .failed(reason: "nothing served") }
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult {
            .failed(reason: "nothing served")
        }
    }

    @Test func aRolledBackChangeRemovesNothing() throws {
        seedOldSets()
        let before = (sets(backupRoot), sets(keyRoot))
        let plan = try fixtures.loopbackPlan("r", on: postfix)
        #expect {
            _ = try Applier(probe: NothingServed()).apply(plan, options: Applier.Options(probeDeadline: 1))
        } throws: { error in
            (error as? ApplyFailure)?.rolledBack == true
        }
        // The rolled-back change's own set is there too, with everything that was.
        #expect(Set(before.0).isSubset(of: sets(backupRoot)) && sets(backupRoot).count == before.0.count + 1)
        #expect(Set(before.1).isSubset(of: sets(keyRoot)) && sets(keyRoot).count == before.1.count + 1)
    }
}
