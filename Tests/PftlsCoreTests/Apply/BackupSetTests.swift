import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Backups never leak what a link points to and never loosen a mode.
@Suite struct BackupSetTests {
    @Test func aSymlinkIsSavedAsALinkNotAsItsTargetsContent() throws {
        let root = FixtureDirectory()
        let secret = root.write("other-service-secret.key", "-----BEGIN PRIVATE KEY-----\nnot for pftls\n")
        let certificates = root.file("tls")
        try #require(mkdir(certificates, 0o755) == 0)
        let link = certificates + "/smtpd-chain.pem"
        try #require(symlink(secret, link) == 0)
        var backup = try BackupSet(root: root.file("backups"), configDirectory: root.path, certificateDirectory: certificates, stamp: "S")
        try backup.save(link, secret: true)
        #expect(backup.entries.first?.linkTarget == secret)
        #expect(backup.entries.first?.copy == nil)
        let copies = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { $0.contains(".pftls-backups/") }
        #expect(copies.allSatisfy { !(FileManager.default.contents(atPath: root.path + "/" + $0).map { String(decoding: $0, as: UTF8.self).contains("not for pftls") } ?? false) })
        #expect(backup.script(configDirectory: root.path).contains("ln -sfn '\(secret)' '\(link)'"))

        // The change replaces the link with a file; restoring puts the link back.
        try #require(unlink(link) == 0)
        FileManager.default.createFile(atPath: link, contents: Data("new".utf8))
        #expect(backup.restore().isEmpty)
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == secret)
    }

    @Test func restoreShPutsBackTheOriginalModeAndOwner() throws {
        let root = FixtureDirectory()
        let config = root.write("main.cf", "biff = no\n")
        try #require(chmod(config, 0o640) == 0 && chown(config, 0, 65534) == 0)
        var backup = try BackupSet(root: root.file("backups"), configDirectory: root.path, certificateDirectory: root.file("tls"), stamp: "S")
        try backup.save(config, secret: false)
        FileManager.default.createFile(atPath: config, contents: Data("biff = yes\n".utf8), attributes: [.posixPermissions: 0o666])
        let script = root.write("restore.sh", backup.script(configDirectory: "/nonexistent/pftls-config"))
        _ = try SystemProcessRunner().run("sh", [script])
        var info = stat()
        #expect(stat(config, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(info.st_gid == 65534)
        #expect(String(decoding: FileManager.default.contents(atPath: config) ?? Data(), as: UTF8.self) == "biff = no\n")
    }
}

/// The way back leaves Postfix as the change found it: a Postfix stopped then is not started.
@Suite struct RestoreScriptPostfixStateTests {
    @Test func aStoppedPostfixIsNeverStartedAndARunningOneIsStartedIfItStopped() throws {
        let root = FixtureDirectory()
        let config = root.write("main.cf", "biff = no\n")
        var backup = try BackupSet(root: root.file("backups"), configDirectory: root.path, certificateDirectory: root.file("tls"), stamp: "R")
        try backup.save(config, secret: false)
        let stopped = backup.script(configDirectory: root.path, wasRunning: false)
        #expect(stopped.contains("reload") && !stopped.contains(" start"), "\(stopped)")
        let running = backup.script(configDirectory: root.path, wasRunning: true)
        #expect(running.contains("reload") && running.contains(" start;"), "\(running)")
    }
}
