import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Bounded backups: after a change succeeded, only the newest sets pftls made stay; nothing
/// else in a backup root is counted, followed or touched.
@Suite struct BackupRetentionTests {
    /// A backup root in a fresh directory, with helpers to make sets as pftls makes them.
    struct Root {
        let fixture = FixtureDirectory()
        var path: String { fixture.file("backups") }

        init() { mkdir(fixture.file("backups"), 0o700) }

        /// A set named `name` holding restore.sh (and a 0600 key copy when `key`), its mtime `age` seconds ago.
        @discardableResult
        func set(_ name: String, age: Int = 0, key: Bool = false) -> String {
            let directory = path + "/" + name
            mkdir(directory, 0o700)
            FileManager.default.createFile(atPath: directory + "/restore.sh", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o700])
            if key { FileManager.default.createFile(atPath: directory + "/tls_smtpd-chain.pem", contents: Data("KEY\n".utf8), attributes: [.posixPermissions: 0o600]) }
            var times = [timeval(tv_sec: time(nil) - age, tv_usec: 0), timeval(tv_sec: time(nil) - age, tv_usec: 0)]
            utimes(directory, &times)
            return directory
        }

        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

        /// Prunes as the run of config directory `fixture.path` would, its unmarked sets counted as its own (its default root).
        func prune(keep: Int, current: String?, remover: BackupSetRemoving = BackupSetRemover()) -> [String] {
            BackupRetention.Pruning(fileSystem: LocalFileSystem(), remover: remover, marker: BackupSetMarker(configDirectory: fixture.path))
                .prune(path, keep: keep, current: current, adoptingUnmarked: true, said: ("backup.retention.removed-set", "backup.retention.removed-sets"))
        }
    }

    /// Fails every removal, as a read-only file system would.
    struct RemovalThatFails: BackupSetRemoving {
        func remove(_ name: String, in root: String) -> String? { "Read-only file system" }
    }

    @Test func setsAreOrderedByTheirStampAndAttemptNotByTheirTimes() throws {
        let root = Root()
        // Made in the opposite order of their names: the newest mtime is the oldest stamp.
        let names = ["20260101T000000Z", "20260101T000000Z-2", "20260101T000000Z-3", "20260101T000000Z-10", "20260101T000001Z"]
        for (index, name) in names.enumerated() { root.set(name, age: index * 100) }
        let lines = root.prune(keep: 3, current: "20260101T000001Z")
        #expect(root.names == ["20260101T000000Z-10", "20260101T000000Z-3", "20260101T000001Z"].sorted(), "-10 is newer than -3 and -2")
        #expect(lines == [Catalog.text("backup.retention.removed-sets", ["count": "2", "root": root.path, "keep": "3"])])
        #expect(names.compactMap(BackupStamp.init(name:)).sorted().map(\.name) == names)
    }

    @Test func aNewSetOfTheSameSecondSortsAfterEveryOtherOneEvenWhereOlderOnesWereRemoved() throws {
        let root = Root()
        root.set("20260101T000000Z-2")
        root.set("20260101T000000Z-3")
        let backup = try BackupSet(root: root.path, configDirectory: root.fixture.path, certificateDirectory: root.fixture.file("tls"), stamp: "20260101T000000Z")
        #expect(backup.directory == root.path + "/20260101T000000Z-4", "not the gap the removed 20260101T000000Z left")
    }

    @Test func onlyTheStampPatternIsPftlsOwn() {
        for name in ["20260101T000000Z", "20260101T000000Z-2", "20260101T000000Z-99", "20260101T000000Z-100"] {
            #expect(BackupStamp(name: name) != nil, "\(name)")
        }
        for name in ["20260101T000000Z-1", "20260101T000000Z-02", "20260101T000000Z-101", "20260101T000000Z-", "20260101T000000Z-2x",
                     "20260101T000000", "x20260101T000000Z", "2026010AT000000Z", "20260101T000000Z.tar", "2026-01-01T00:00:00Z", ""] {
            #expect(BackupStamp(name: name) == nil, "\(name)")
        }
    }

    @Test func foreignFilesAndDirectoriesAreLeftAndNotCounted() throws {
        let root = Root()
        FileManager.default.createFile(atPath: root.path + "/notes.txt", contents: Data("mine\n".utf8))
        FileManager.default.createFile(atPath: root.path + "/20200101T000000Z", contents: Data("a file, not a set\n".utf8))
        mkdir(root.path + "/before-upgrade", 0o700)
        mkdir(root.path + "/20200101T000000Z-1", 0o700)
        mkdir(root.path + "/20200101T000000Z.old", 0o700)
        for second in 0..<4 { root.set("20260101T00000\(second)Z") }
        _ = root.prune(keep: 2, current: "20260101T000003Z")
        #expect(root.names == ["20200101T000000Z", "20200101T000000Z-1", "20200101T000000Z.old", "20260101T000002Z", "20260101T000003Z",
                               "before-upgrade", "notes.txt"])
    }

    @Test func aLinkInTheRootIsNeitherFollowedNorRemoved() throws {
        let root = Root()
        let elsewhere = root.fixture.file("elsewhere")
        mkdir(elsewhere, 0o700)
        FileManager.default.createFile(atPath: elsewhere + "/precious", contents: Data("keep\n".utf8))
        try #require(symlink(elsewhere, root.path + "/20200101T000000Z") == 0)
        root.set("20260101T000000Z")
        root.set("20260101T000001Z")
        let lines = root.prune(keep: 1, current: "20260101T000001Z")
        #expect(root.names == ["20200101T000000Z", "20260101T000001Z"])
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/precious"))
        #expect(lines.count == 1, "one set removed, the link not counted: \(lines)")
    }

    @Test func keepingOneLeavesOnlyTheChangesOwnSet() {
        let root = Root()
        for second in 0..<5 { root.set("20260101T00000\(second)Z") }
        _ = root.prune(keep: 1, current: "20260101T000004Z")
        #expect(root.names == ["20260101T000004Z"])
    }

    @Test func theChangesOwnSetIsNeverRemovedNorAnyNewerOne() {
        let root = Root()
        // The clock was set back: the change's own set has the oldest stamp of all.
        for second in 0..<4 { root.set("20260101T00000\(second)Z") }
        root.set("20250101T000000Z")
        _ = root.prune(keep: 1, current: "20250101T000000Z")
        #expect(root.names.count == 5, "nothing older than the change's own set: nothing removed")
        // In the middle: only the older ones beyond the limit go.
        root.set("20240101T000000Z")
        root.set("20230101T000000Z")
        _ = root.prune(keep: 6, current: "20250101T000000Z")
        #expect(root.names == ["20240101T000000Z", "20250101T000000Z", "20260101T000000Z", "20260101T000001Z", "20260101T000002Z", "20260101T000003Z"])
    }

    @Test func aSetThatCannotBeRemovedIsAWarningAndStaysWhole() throws {
        let root = Root()
        let odd = root.set("20260101T000000Z", key: true)
        mkdir(odd + "/not-from-pftls", 0o700)
        for second in 1..<4 { root.set("20260101T00000\(second)Z", key: true) }
        let lines = root.prune(keep: 2, current: "20260101T000003Z")
        #expect(root.names == ["20260101T000000Z", "20260101T000002Z", "20260101T000003Z"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: odd).sorted() == ["not-from-pftls", "restore.sh", "tls_smtpd-chain.pem"],
                "nothing of it was removed")
        #expect(lines.contains { $0.contains(odd) && $0.contains("not-from-pftls") }, "\(lines)")
        #expect(lines.contains(Catalog.text("backup.retention.removed-set", ["count": "1", "root": root.path, "keep": "2"])), "\(lines)")

        let failing = root.prune(keep: 1, current: "20260101T000003Z", remover: RemovalThatFails())
        #expect(root.names == ["20260101T000000Z", "20260101T000002Z", "20260101T000003Z"], "a failed removal leaves everything")
        #expect(failing.count == 2 && failing.allSatisfy { $0.contains("Read-only file system") }, "\(failing)")
    }

    @Test func afterAChangeTenSetsAndThreeKeyCopiesStayAndTheKeyCopiesAre0600() throws {
        let fixture = FixtureDirectory()
        let certificates = fixture.file("tls")
        mkdir(certificates, 0o700)
        let key = fixture.write("tls/smtpd-chain.pem", "KEY AND CHAIN\n")
        var last: BackupSet?
        for second in 0..<14 {
            var backup = try BackupSet(root: fixture.file("backups"), configDirectory: fixture.path, certificateDirectory: certificates, stamp: "20260101T0000\(10 + second)Z")
            try backup.save(key, secret: true)
            _ = BackupRetention().prune(after: backup)
            last = backup
        }
        let sets = try FileManager.default.contentsOfDirectory(atPath: fixture.file("backups")).sorted()
        let copies = try FileManager.default.contentsOfDirectory(atPath: certificates + "/.pftls-backups").sorted()
        #expect(sets == (14 - 10..<14).map { "20260101T0000\(10 + $0)Z" })
        #expect(copies == (14 - 3..<14).map { "20260101T0000\(10 + $0)Z" })
        #expect(last.map { AtomicFileWriter.split($0.directory).name } == sets.last)
        for copy in copies {
            var info = stat()
            #expect(stat(certificates + "/.pftls-backups/" + copy + "/" + BackupSet.flatName(key), &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
    }

    @Test func anOlderRestoreShWhoseKeyCopyIsGoneChangesNothing() throws {
        let fixture = FixtureDirectory()
        mkdir(fixture.file("tls"), 0o700)
        let config = fixture.write("main.cf", "biff = no\n")
        let key = fixture.write("tls/smtpd-chain.pem", "OLD KEY\n")
        var backup = try BackupSet(root: fixture.file("backups"), configDirectory: fixture.path, certificateDirectory: fixture.file("tls"), stamp: "20260101T000000Z")
        try backup.save(config, secret: false)
        try backup.save(key, secret: true)
        let script = fixture.write("restore.sh", backup.script(configDirectory: "/nonexistent/pftls-config"))
        fixture.write("main.cf", "biff = yes\n")
        fixture.write("tls/smtpd-chain.pem", "NEW KEY\n")
        // Later changes removed the key copies of this set.
        try FileManager.default.removeItem(atPath: try #require(backup.keyDirectory))
        let result = try #require(try SystemProcessRunner().run("sh", [script]))
        #expect(result.status == 1)
        #expect(String(decoding: result.standardError, as: UTF8.self).contains("nothing was restored"))
        #expect(String(decoding: fixture.read("main.cf"), as: UTF8.self) == "biff = yes\n", "not half put back")
    }

    @Test func fewerThanOneIsRefusedNamingTheOptionAndTheFix() {
        for count in [0, -1] {
            #expect {
                _ = try BackupRetention(keeping: count)
            } throws: { error in
                let text = "\(error)"
                return text.contains("--keep-backups \(count)") && text.contains("1 or more")
            }
        }
        #expect((try? BackupRetention(keeping: 1))?.sets == 1)
        #expect(BackupRetention().sets == 10 && BackupRetention().keyCopies == 3)
    }
}
