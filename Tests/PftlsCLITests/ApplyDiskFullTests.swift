import Foundation
import Testing
@testable import PftlsCore

/// A full disk, met for real on a small tmpfs: the apply stops with a message that says
/// what was and was not changed, and never leaves a half-written set behind.
@Suite(.serialized, .enabled(if: FullDisk.available, "needs root and the right to mount a tmpfs"))
struct ApplyDiskFullTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
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

    @Test func aFullCertificateDirectoryRollsBackAndLeavesNoPartialFile() throws {
        let disk = try FullDisk(at: postfix.root + "/tls", free: 0)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let failure = try #require(apply(try plan("full")), "the write cannot succeed on a full disk")
        #expect(failure.reason.contains("No space left on device"), "\(failure.reason)")
        #expect(failure.rolledBack && failure.restoreProblems.isEmpty, "\(failure.restoreProblems)")
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
        #expect(failure.reason.contains("No space left on device") && failure.rolledBack, "\(failure.reason)")
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
}
