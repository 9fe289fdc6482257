import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// What a local user who is not root can prepare for root's run: a backup directory or a
/// parent of a new certificate directory that the user owns or may write to. Each is
/// refused before anything changes, or before a file goes where that user could swap it.
@Suite(.serialized, .tags(.endToEnd), .enabled(if: getuid() == 0, "needs root to hand directories to another user"))
struct LocalUserRailsTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    /// The user the attacker is (nobody).
    let attacker: uid_t = 65534

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func apply(_ plan: ChangePlan, backupRoot: String? = nil) -> ApplyFailure? {
        do {
            _ = try Applier().apply(plan, options: Applier.Options(reload: false, backupRoot: backupRoot))
            return nil
        } catch { return error }
    }

    /// A directory at `path` that the attacker owns, with `mode`.
    private func attackersDirectory(_ path: String, mode: mode_t = 0o777) throws -> String {
        try #require(mkdir(path, mode) == 0 && chown(path, attacker, attacker) == 0 && chmod(path, mode) == 0)
        return path
    }

    @Test(arguments: [("owned by the user", 0o700 as mode_t), ("writable by everyone", 0o777)])
    func aBackupDirectoryAUserCanChangeIsRefusedBeforeAnythingChanges(_ case: String, mode: mode_t) throws {
        let backups = try attackersDirectory(postfix.root + "/backups", mode: mode)
        if mode == 0o777 { chown(backups, 0, 0) }
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let failure = try #require(apply(try fixtures.loopbackPlan("evil", on: postfix), backupRoot: backups), "\(`case`)")
        #expect(failure.reason.contains("the backup directory is not safe") && failure.reason.contains("Nothing was changed"), "\(failure.reason)")
        #expect(failure.code == .backupFailed)
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).isEmpty, "no set was made where the user could swap it")
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"))
        // A script sees the stop's code, as it sees a finding's.
        let json = try fixtures.install("evil", on: postfix, ["--backup-dir", backups, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(json.status == 1 && object?["code"] as? String == "backup-failed" && object?["ok"] as? Bool == false, "\(json.all)")
    }

    @Test func aBackupDirectoryGivenAsALinkIsRefused() throws {
        let real = postfix.root + "/real-backups"
        try #require(mkdir(real, 0o700) == 0 && symlink(real, postfix.root + "/backups") == 0)
        let failure = try #require(apply(try fixtures.loopbackPlan("linked", on: postfix), backupRoot: postfix.root + "/backups"))
        #expect(failure.reason.contains("the backup directory is not safe") && failure.reason.contains("symbolic link"), "\(failure.reason)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: real).isEmpty)
    }

    /// The plan's check saw no parent to fear: the new directory's parent did not exist. A
    /// user made it (theirs, open to all) before the write: the run stops before any file
    /// is written under it.
    @Test func aNewCertificateDirectoryUnderADirectoryAUserMadeMeanwhileIsRefused() throws {
        let certificates = postfix.root + "/open/certs"
        let plan = try fixtures.loopbackPlan("raced", on: postfix, certificateDirectory: certificates)
        #expect(!plan.hasErrors, "\(plan.findings)")
        _ = try attackersDirectory(postfix.root + "/open")
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let failure = try #require(apply(plan))
        #expect(failure.reason.contains("it lies in \(postfix.root)/open (owner uid 65534, mode 777)") && failure.reason.contains("Nothing was changed"), "\(failure.reason)")
        #expect(failure.code == .directoryFailed)
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: certificates)) ?? []).isEmpty, "no key went where the user can reach")
    }

    /// A root-owned link on the way to a directory inside a user's: the directories it really
    /// lies in are the user's, so it is refused, and nothing is left behind there.
    @Test func aBackupDirectoryReachedThroughALinkIntoAUsersDirectoryIsRefused() throws {
        let users = try attackersDirectory(postfix.root + "/users", mode: 0o755)
        try #require(mkdir(users + "/a", 0o755) == 0 && mkdir(postfix.root + "/s", 0o755) == 0 && symlink(users + "/a", postfix.root + "/s/bk") == 0)
        let failure = try #require(apply(try fixtures.loopbackPlan("through", on: postfix), backupRoot: postfix.root + "/s/bk/sets"))
        #expect(failure.reason.contains("the backup directory is not safe") && failure.reason.contains("lies under \(users), which belongs to uid 65534"), "\(failure.reason)")
        #expect(!FileManager.default.fileExists(atPath: users + "/a/sets"), "the refused directory is not left behind")
    }

    /// A certificate directory to be made through a root-owned link into a user's directory:
    /// the plan itself refuses it (a dry run, the wizard's Review), naming where it would lie.
    @Test func aNewCertificateDirectoryThroughALinkIntoAUsersDirectoryIsRefusedAtThePlan() throws {
        let users = try attackersDirectory(postfix.root + "/users", mode: 0o755)
        try #require(mkdir(users + "/a", 0o755) == 0 && symlink(users + "/a", postfix.root + "/link") == 0)
        let plan = try fixtures.loopbackPlan("linked-plan", on: postfix, certificateDirectory: postfix.root + "/link/certs")
        let unsafe = plan.findings.filter { $0.code == .unsafeDirectory && $0.severity == .error }
        #expect(unsafe.count == 1 && unsafe[0].message.contains("lies under \(users), which belongs to uid 65534"), "said once, where it really lies: \(unsafe.map(\.message))")
    }

    @Test func aSafeBackupDirectoryStillTakesTheSet() throws {
        let backups = postfix.root + "/backups"
        try #require(mkdir(backups, 0o700) == 0)
        #expect(apply(try fixtures.loopbackPlan("kept", on: postfix), backupRoot: backups) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).count == 1)
    }
}
