import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Each backup set and key-copy set is marked with the config directory whose change made
/// it: retention counts and removes only its own, so Postfix instances that share a
/// certificate directory or a `--backup-dir` never remove each other's sets, and another
/// tool's stamp-named directories are never touched.
@Suite struct BackupSetMarkerTests {
    /// Two instances' config directories, one certificate directory and one `--backup-dir` they share.
    struct SharedInstances {
        let fixture = FixtureDirectory()
        var first: String { fixture.file("postfix-a") }
        var second: String { fixture.file("postfix-b") }
        var certificates: String { fixture.file("tls") }
        var shared: String { fixture.file("shared-backups") }
        var keyRoot: String { certificates + "/.pftls-backups" }

        init() {
            for directory in [first, second, certificates] { mkdir(directory, 0o700) }
            fixture.write("tls/smtpd-chain.pem", "KEY AND CHAIN\n")
        }

        /// A change of `config` at `stamp`: its backup set (in `root`) with a key copy, then the prune after it.
        @discardableResult
        func change(_ config: String, stamp: String, root: String? = nil, keep: Int = 2) throws -> (BackupSet, [String]) {
            var backup = try BackupSet(root: root ?? shared, configDirectory: config, certificateDirectory: certificates, stamp: stamp)
            try backup.save(certificates + "/smtpd-chain.pem", secret: true)
            return (backup, try BackupRetention(keeping: keep).prune(after: backup))
        }

        /// The stamp-named directories in `root`, oldest first.
        func names(_ root: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { BackupStamp(name: $0) != nil }.sorted()
        }

        /// The sets in `root` marked for `config`.
        func sets(_ root: String, of config: String) -> [String] {
            names(root).filter { BackupSetMarker(configDirectory: config).read(root + "/" + $0, fileSystem: LocalFileSystem()) == .ours }
        }
    }

    private func stamp(_ second: Int) -> String { "20260101T0000\(10 + second)Z" }

    @Test func instancesSharingACertificateDirectoryAndABackupDirKeepTheirOwnSetsEach() throws {
        let instances = SharedInstances()
        // The two instances renew in turn; each prune keeps 2 of its own.
        for round in 0..<6 {
            try instances.change(instances.first, stamp: stamp(2 * round))
            try instances.change(instances.second, stamp: stamp(2 * round + 1))
        }
        for root in [instances.shared, instances.keyRoot] {
            #expect(instances.sets(root, of: instances.first) == [stamp(8), stamp(10)], "\(root): \(instances.names(root))")
            #expect(instances.sets(root, of: instances.second) == [stamp(9), stamp(11)], "\(root): \(instances.names(root))")
            #expect(instances.names(root).count == 4, "\(instances.names(root))")
        }
    }

    @Test func anotherInstancesSetMadeMeanwhileStaysAndItsRestoreWorks() throws {
        let instances = SharedInstances()
        for second in 0..<3 { try instances.change(instances.first, stamp: stamp(second), keep: 1) }
        // The second instance's run is in flight: its sets exist, its rollback may need them.
        var inFlight = try BackupSet(root: instances.shared, configDirectory: instances.second, certificateDirectory: instances.certificates, stamp: stamp(3))
        try inFlight.save(instances.certificates + "/smtpd-chain.pem", secret: true)
        // The first instance's next change prunes to 1.
        let (_, lines) = try instances.change(instances.first, stamp: stamp(4), keep: 1)
        #expect(lines.count == 2, "one set and one key copy of the first instance removed: \(lines)")
        let keyDirectory = try #require(inFlight.keyDirectory)
        #expect(FileManager.default.fileExists(atPath: keyDirectory + "/" + BackupSet.flatName(instances.certificates + "/smtpd-chain.pem")))
        #expect(FileManager.default.fileExists(atPath: inFlight.directory))
        // The marker changes nothing of the way back.
        instances.fixture.write("tls/smtpd-chain.pem", "NEW\n")
        #expect(inFlight.restore().isEmpty)
        #expect(String(decoding: instances.fixture.read("tls/smtpd-chain.pem"), as: UTF8.self) == "KEY AND CHAIN\n")
        #expect(!inFlight.script(configDirectory: instances.second).contains(BackupSetMarker.fileName))
    }

    @Test func anotherToolsStampNamedDirectoriesInABackupDirAreNeverCountedNorRemoved() throws {
        let instances = SharedInstances()
        mkdir(instances.shared, 0o700)
        // Another tool's directories, named as pftls names its sets and holding only regular files.
        for second in 0..<3 {
            mkdir(instances.shared + "/20200101T00000\(second)Z", 0o700)
            instances.fixture.write("shared-backups/20200101T00000\(second)Z/dump.sql", "not pftls'\n")
        }
        for second in 0..<4 { try instances.change(instances.first, stamp: stamp(second), keep: 1) }
        #expect(instances.names(instances.shared) == ["20200101T000000Z", "20200101T000001Z", "20200101T000002Z", stamp(3)])
    }

    @Test func unmarkedSetsAreTrimmedInTheDefaultRootButLeftInSharedOnes() throws {
        let instances = SharedInstances()
        let ownRoot = BackupSet.defaultRoot(of: instances.first)
        // Sets as a pftls before markers left them, in the default root, a backup dir and the key-copy root.
        for root in [ownRoot, instances.shared, instances.keyRoot] {
            mkdir(root, 0o700)
            for second in 0..<3 {
                mkdir(root + "/20200101T00000\(second)Z", 0o700)
                FileManager.default.createFile(atPath: root + "/20200101T00000\(second)Z/restore.sh", contents: Data("#!/bin/sh\n".utf8))
            }
        }
        let (own, _) = try instances.change(instances.first, stamp: stamp(0), root: ownRoot, keep: 2)
        #expect(own.inOwnRoot)
        #expect(instances.names(ownRoot) == ["20200101T000002Z", stamp(0)], "the default root is the instance's own")
        #expect(instances.names(instances.keyRoot) == ["20200101T000000Z", "20200101T000001Z", "20200101T000002Z", stamp(0)],
                "a certificate directory may serve other instances: unmarked key copies stay")
        let (other, _) = try instances.change(instances.first, stamp: stamp(1), keep: 1)
        #expect(!other.inOwnRoot)
        #expect(instances.names(instances.shared) == ["20200101T000000Z", "20200101T000001Z", "20200101T000002Z", stamp(1)])
    }

    @Test func theSameConfigDirectoryByAnotherSpellingIsTheSameInstance() throws {
        let instances = SharedInstances()
        try #require(symlink(instances.first, instances.fixture.file("postfix-link")) == 0)
        try instances.change(instances.first, stamp: stamp(0))
        try instances.change(instances.fixture.file("postfix-link") + "/", stamp: stamp(1))
        try instances.change(instances.first, stamp: stamp(2), keep: 2)
        #expect(instances.names(instances.shared) == [stamp(1), stamp(2)])
    }

    @Test func theMarkerIsA0600FileNamingTheConfigDirectoryAndThePartnerSet() throws {
        let instances = SharedInstances()
        let (backup, _) = try instances.change(instances.first, stamp: stamp(0))
        let keyDirectory = try #require(backup.keyDirectory)
        for (set, partner) in [(backup.directory, keyDirectory), (keyDirectory, backup.directory)] {
            let marker = set + "/" + BackupSetMarker.fileName
            let text = try String(contentsOfFile: marker, encoding: .utf8)
            #expect(text == "config-directory \(backup.marker.configDirectory)\npartner \(partner)\n")
            let mode = try FileManager.default.attributesOfItem(atPath: marker)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }
}
