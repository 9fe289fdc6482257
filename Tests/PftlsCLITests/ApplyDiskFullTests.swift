import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A full disk, met for real on a small tmpfs: the apply stops with a message that says
/// what was and was not changed, and never leaves a half-written set behind.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: FullDisk.available, "needs root and the right to mount a tmpfs"))
struct ApplyDiskFullTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func plan(_ leaf: String, layout: Answers.Layout = .chainFile) throws -> ChangePlan {
        let plan = try fixtures.loopbackPlan(leaf, on: postfix, layout: layout)
        #expect(!plan.hasErrors, "\(plan.findings)")
        return plan
    }

    private func apply(_ plan: ChangePlan, backupRoot: String? = nil) -> ApplyFailure? {
        do {
            _ = try Applier().apply(plan, options: Applier.Options(reload: false, backupRoot: backupRoot))
            return nil
        } catch { return error }
    }

    @Test func aFullCertificateDirectoryStopsBeforeAnyFileIsReplacedAndLeavesNoPartialFile() throws {
        let disk = try FullDisk(at: postfix.root + "/tls", free: 0)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let failure = try #require(apply(try plan("full")), "the write cannot succeed on a full disk")
        #expect(failure.reason.contains("No space left on device") && failure.reason.contains("Nothing was changed"), "\(failure.reason)")
        #expect(!failure.rolledBack, "no file was replaced, so there is nothing to roll back")
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before, "main.cf and master.cf as they were")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0 != "filler" }
        #expect(left.isEmpty, "no temp or partial file: \(left)")
    }

    @Test func separateFilesOnAFullDiskNeverPairTheNewKeyWithTheOldCertificate() throws {
        _ = try Applier().apply(try plan("first", layout: .separateFiles), options: Applier.Options(reload: false))
        let tls = postfix.root + "/tls"
        let pair = ["smtpd-key.pem", "smtpd-cert.pem"]
        let installed = try pair.map { try Data(contentsOf: URL(fileURLWithPath: tls + "/" + $0)) }
        let renewal = try plan("second", layout: .separateFiles)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        // The certificate directory moves onto a disk with one page free: the new key
        // fits, its certificate does not.
        try #require(rename(tls, tls + ".orig") == 0)
        let disk = try FullDisk(at: tls, free: 4096) { path in
            for name in pair { try FileManager.default.copyItem(atPath: tls + ".orig/" + name, toPath: path + "/" + name) }
        }
        let inodes = { pair.map { name -> ino_t in var info = stat(); lstat(disk.path + "/" + name, &info); return info.st_ino } }
        let inodesBefore = inodes()
        let failure = try #require(apply(renewal))
        #expect(failure.reason.contains("No space left on device") && failure.reason.contains("Nothing was changed"), "\(failure.reason)")
        #expect(inodes() == inodesBefore, "the pair in use was never rewritten, not even for a moment")
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before, "main.cf still names the old pair")
        #expect(try pair.map { try Data(contentsOf: URL(fileURLWithPath: disk.path + "/" + $0)) } == installed,
                "the pair main.cf names is the old pair, whole")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { !pair.contains($0) && $0 != "filler" }
        #expect(left.isEmpty, "the new key was removed again: \(left)")
    }

    @Test func aFullBackupDiskStopsBeforeAnythingChanges() throws {
        let disk = try FullDisk(at: postfix.root + "/backups", free: 0)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let failure = try #require(apply(try plan("nobackup"), backupRoot: disk.path))
        #expect(failure.reason.contains("Backing up failed") && failure.reason.contains("Nothing was changed"), "\(failure.reason)")
        #expect(!failure.rolledBack)
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"), "not even the certificate directory was made")
    }

    /// main.cf, master.cf and the certificate directory on one small disk, at every free
    /// space from none to enough: each run ends with the whole old set or the whole new
    /// one, never the new chain with the old main.cf.
    @Test func atEveryFreeSpaceLevelTheSetIsWholeOldOrWholeNew() throws {
        let conf = postfix.configDirectory
        let tls = conf + "/tls"
        _ = try Applier().apply(try fixtures.loopbackPlan("before", on: postfix, certificateDirectory: tls),
                                options: Applier.Options(reload: false))
        let names = ["main.cf", "master.cf", "tls/smtpd-chain.pem"]
        let old = try names.map { try Data(contentsOf: URL(fileURLWithPath: conf + "/" + $0)) }
        try #require(rename(conf, conf + ".orig") == 0)
        defer {
            try? FileManager.default.removeItem(atPath: conf)
            rename(conf + ".orig", conf)
        }
        var failures = 0
        var succeeded = false
        for free in stride(from: 0, through: 160 * 1024, by: 4096) {
            let disk = try FullDisk(at: conf, free: free) { path in
                try FileManager.default.createDirectory(atPath: path + "/tls", withIntermediateDirectories: false)
                chmod(path + "/tls", 0o755)
                for name in names { try FileManager.default.copyItem(atPath: conf + ".orig/" + name, toPath: path + "/" + name) }
                for name in ["main.cf", "master.cf"] { ThrowawayPostfix.backdate(path + "/" + name) }
            }
            let renewal = try fixtures.loopbackPlan("after", on: postfix, certificateDirectory: tls, smtpLevel: "encrypt")
            try #require(!renewal.hasErrors, "\(renewal.findings)")
            let failure = apply(renewal, backupRoot: postfix.root + "/backups")
            let now = names.map { (try? Data(contentsOf: URL(fileURLWithPath: disk.path + "/" + $0))) ?? Data() }
            if let failure {
                failures += 1
                #expect(now == old, "\(free) bytes free: a failed run leaves the whole old set (\(failure.reason))")
            } else {
                let chain = String(decoding: now[2], as: UTF8.self)
                let main = String(decoding: now[0], as: UTF8.self)
                #expect(chain.contains(try String(contentsOfFile: fixtures.path("after.pem"), encoding: .utf8).trimmingCharacters(in: .newlines))
                        && main.contains("smtp_tls_security_level = encrypt"), "\(free) bytes free: a run that succeeded installed the whole new set")
                succeeded = true
            }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: disk.path + "/tls"))?.filter { $0.hasPrefix(".pftls-") && $0.hasSuffix(".tmp") } ?? []
            #expect(left.isEmpty, "\(free) bytes free: no temp file left: \(left)")
            if succeeded { break }
        }
        #expect(failures > 0 && succeeded, "the levels crossed from failing to succeeding (\(failures) failures)")
    }
}
