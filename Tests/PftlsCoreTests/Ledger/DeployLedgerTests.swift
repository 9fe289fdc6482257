import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The deploy ledger's file: appended under a lock, trimmed per configuration directory,
/// private, and never followed through a link or broken by what else is in it.
@Suite struct DeployLedgerTests {
    let directory = TemporaryDirectory.create("ledger") + "/state"

    static func record(_ configDirectory: String, _ number: Int) -> DeployRecord {
        DeployRecord(time: "2026-12-07T08:00:00Z", configDirectory: configDirectory, command: .renew, result: .applied, reason: "\(number)",
                     installed: [InstalledEntry(path: configDirectory + "/tls/smtpd-chain.pem", sha256: "00", role: "chain")])
    }

    private func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
    }

    /// A ledger holding record `number` of /etc/postfix, then `lines` written as they are.
    private func ledgerWith(record number: Int, thenLines lines: [Data]) throws -> DeployLedger {
        let ledger = DeployLedger(directory: directory)
        try ledger.append(Self.record("/etc/postfix", number))
        let handle = try #require(FileHandle(forWritingAtPath: ledger.path))
        handle.seekToEndOfFile()
        lines.forEach(handle.write)
        try handle.close()
        return ledger
    }

    @Test func appendsOneLinePerRunInAPrivateDirectoryAndFile() throws {
        let ledger = DeployLedger(directory: directory)
        try ledger.append(Self.record("/etc/postfix", 1))
        try ledger.append(Self.record("/etc/postfix-out", 2))
        try ledger.append(Self.record("/etc/postfix", 3))
        #expect(mode(directory) == 0o700)
        #expect(mode(ledger.path) == 0o600)
        let lines = try String(contentsOfFile: ledger.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try ledger.records(configDirectory: "/etc/postfix").records.map(\.reason) == ["1", "3"])
        #expect(try ledger.records(configDirectory: "/etc/postfix-out").records.map(\.reason) == ["2"])
    }

    @Test func keepsTheLastRecordsOfEachConfigurationDirectory() throws {
        var ledger = DeployLedger(directory: directory)
        ledger.recordsKept = 5
        for number in 1...8 {
            try ledger.append(Self.record("/etc/postfix", number))
            if number <= 2 { try ledger.append(Self.record("/etc/other", number)) }
        }
        #expect(try ledger.records(configDirectory: "/etc/postfix").records.map(\.reason) == ["4", "5", "6", "7", "8"])
        #expect(try ledger.records(configDirectory: "/etc/other").records.map(\.reason) == ["1", "2"], "another directory's records stay")
        #expect(DeployLedger(directory: directory).recordsKept == 200)
    }

    @Test func concurrentAppendsWhileTrimmingLoseNothing() throws {
        // Two writers at once, one trimming its records on every append: every record of
        // the other survives the renames (flock, and a file replaced while waiting is opened again).
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            var ledger = DeployLedger(directory: directory)
            ledger.recordsKept = 10
            for number in 0..<60 {
                try? ledger.append(Self.record(writer == 0 ? "/etc/a" : "/etc/b", number))
            }
        }
        var reader = DeployLedger(directory: directory)
        reader.recordsKept = 10
        #expect(try reader.records(configDirectory: "/etc/a").records.map(\.reason) == (50..<60).map(String.init))
        #expect(try reader.records(configDirectory: "/etc/b").records.map(\.reason) == (50..<60).map(String.init))
        #expect(try reader.records(configDirectory: "/etc/a").skipped == 0)
    }

    @Test func aSymbolicLinkIsNeverFollowed() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let target = directory + "/../elsewhere"
        FileManager.default.createFile(atPath: target, contents: Data("precious\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory + "/ledger.jsonl", withDestinationPath: target)
        let ledger = DeployLedger(directory: directory)
        #expect { try ledger.append(Self.record("/etc/postfix", 1)) } throws: { error in
            "\(error)".contains("is a symbolic link; pftls does not follow it") && "\(error)".contains(ledger.path)
        }
        #expect { try ledger.records(configDirectory: "/etc/postfix") } throws: { "\($0)".contains("symbolic link") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aDirectoryOthersMayWriteInIsRefused() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o777)
        #expect { try DeployLedger(directory: directory).append(Self.record("/etc/postfix", 1)) } throws: { error in
            "\(error)".contains("has mode 777: others may write in it")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/ledger.jsonl"))
    }

    @Test func aLedgerFileOthersMayWriteIsRefused() throws {
        let ledger = DeployLedger(directory: directory)
        try ledger.append(Self.record("/etc/postfix", 1))
        chmod(ledger.path, 0o622)
        #expect { try ledger.records(configDirectory: "/etc/postfix") } throws: { error in
            "\(error)".contains("\(ledger.path) has mode 622: others may write in it")
        }
    }

    /// An apply with thousands of SNI entries writes a line of several MiB: it is read.
    @Test func aRecordOfSeveralMebibytesIsRead() throws {
        let ledger = DeployLedger(directory: directory)
        var record = Self.record("/etc/postfix", 1)
        record.installed = (0..<12_000).map { InstalledEntry(path: "/etc/postfix/tls/sni-\($0)-chain.pem", sha256: nil, role: "chain",
                                                             names: ["mx\($0).example.test"], sni: ["mx\($0).example.test"]) }
        try ledger.append(record)
        #expect(try FileManager.default.attributesOfItem(atPath: ledger.path)[.size] as? Int ?? 0 > 1 << 20)
        let read = try ledger.records(configDirectory: "/etc/postfix")
        #expect(read.records.first?.installed.count == 12_000 && read.skipped == 0)
    }

    /// check says when lines were left out, as ledger-unusable (a warning), never silently.
    @Test func checkReportsSkippedLines() throws {
        let ledger = try ledgerWith(record: 1, thenLines: [Data("{\"configDirectory\": \"/etc/postfix\", cut off\n".utf8)])
        let leaf = try TestPKI.shared.issueLeaf(.server("mail.example.test")).certificate
        let file = TemporaryDirectory.create("skipped") + "/cert.pem"
        FileManager.default.createFile(atPath: file, contents: Data(leaf.pem.utf8))
        let findings = DeploymentAudit(ledger: ledger, certbot: nil).findings(configDirectory: "/etc/postfix",
                                                                              pairs: PairReader(inspector: Inspector()).pairs([file]), entries: [],
                                                                              expiry: ExpiryThresholds())
        #expect(findings.map(\.code) == [.ledgerUnusable] && findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("the deploy ledger \(ledger.path) holds lines that are no record pftls wrote") == true && findings.first?.message.hasSuffix(": 1") == true, "\(findings.map(\.message))")
    }

    @Test func garbageAndHugeLinesAreSkippedNeverFatal() throws {
        let ledger = try ledgerWith(record: 1, thenLines: [Data("not json at all\n{\"configDirectory\": 5}\n".utf8),
                                                            Data(String(repeating: "x", count: 2 << 20).utf8 + [0x0a]), Data([0xff, 0xfe, 0x00, 0x0a])])
        try ledger.append(Self.record("/etc/postfix", 2))
        let read = try ledger.records(configDirectory: "/etc/postfix")
        #expect(read.records.map(\.reason) == ["1", "2"])
        #expect(read.skipped == 4)
    }

    @Test func theDirectoryComesFromTheOptionThenTheEnvironmentThenRootsDefault() {
        let environment: (String) -> String? = { $0 == "PFTLS_STATE_DIR" ? "/from/env" : nil }
        #expect(DeployLedger.resolve(option: "/opt/x/", environment: environment, isRoot: true)?.directory == "/opt/x")
        #expect(DeployLedger.resolve(option: nil, environment: environment, isRoot: false)?.directory == "/from/env")
        #expect(DeployLedger.resolve(option: nil, environment: { _ in nil }, isRoot: true)?.directory == "/var/lib/pftls")
        #expect(DeployLedger.resolve(option: nil, environment: { _ in nil }, isRoot: false) == nil, "only root records by default")
    }
}
