import Foundation
import Testing
@testable import PftlsCore

/// Dovecot's files as public mail stacks and Debian ship them (Corpus/dovecot, each with a
/// SOURCE note): the global certificate lines are found where they are, in the syntax of
/// the version the file is for, and an edit changes those lines and no other byte.
@Suite struct DovecotCorpusEditTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/dovecot").path

    /// An entry: the file Dovecot would read first, its version, and where the two lines are
    /// (file relative to the entry, line numbers from 1).
    struct Entry: CustomTestStringConvertible, Sendable {
        let name: String
        let main: String
        let version: DovecotVersion
        let edited: String
        let lines: [Int]
        var testDescription: String { name }
    }

    static let entries = [
        Entry(name: "debian12-stock", main: "dovecot.conf", version: DovecotVersion(2, 3, 19), edited: "conf.d/10-ssl.conf", lines: [12, 13]),
        Entry(name: "debian13-stock", main: "dovecot.conf", version: DovecotVersion(2, 4, 1), edited: "conf.d/10-ssl.conf", lines: [18, 20]),
        Entry(name: "docker-mailserver-2.3", main: "10-ssl.conf", version: DovecotVersion(2, 3, 19), edited: "10-ssl.conf", lines: [12, 13]),
        Entry(name: "docker-mailserver-2.4", main: "10-ssl.conf", version: DovecotVersion(2, 4, 1), edited: "10-ssl.conf", lines: [12, 13]),
        Entry(name: "iredmail-2.3", main: "dovecot.conf", version: DovecotVersion(2, 3, 19), edited: "dovecot.conf", lines: [45, 46]),
        Entry(name: "iredmail-2.4", main: "dovecot-2.4-mariadb.conf", version: DovecotVersion(2, 4, 1), edited: "dovecot-2.4-mariadb.conf", lines: [125, 126]),
        Entry(name: "modoboa-2.3", main: "conf.d/10-ssl-keys.try.tpl", version: DovecotVersion(2, 3, 19), edited: "conf.d/10-ssl-keys.try.tpl", lines: [5, 6]),
        Entry(name: "modoboa-2.4", main: "conf.d/10-ssl-keys.try.tpl", version: DovecotVersion(2, 4, 1), edited: "conf.d/10-ssl-keys.try.tpl", lines: [5, 6]),
    ]

    @Test(arguments: entries) func theCertificateLinesAndNothingElseChange(_ entry: Entry) throws {
        let root = Self.corpus + "/" + entry.name
        var files = try DovecotConfigFiles.read(root + "/" + entry.main, fileSystem: LocalFileSystem())
        let names = DovecotSettingNames(version: entry.version)
        files.set(names.certificate(alternate: false), to: names.value(forPath: "/etc/pftls/dovecot-cert.pem"), after: ["ssl"])
        files.set(names.key(alternate: false), to: names.value(forPath: "/etc/pftls/dovecot-key.pem"), after: [names.certificate(alternate: false)])
        let changed = files.changedFiles
        #expect(changed.map(\.path) == [root + "/" + entry.edited])
        let change = try #require(changed.first)
        let old = String(decoding: change.old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: change.new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(old.count == new.count)
        let differing = zip(old, new).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(differing == entry.lines)
        let expected = entry.version.namesServerFiles
            ? ["ssl_server_cert_file = /etc/pftls/dovecot-cert.pem", "ssl_server_key_file = /etc/pftls/dovecot-key.pem"]
            : ["ssl_cert = </etc/pftls/dovecot-cert.pem", "ssl_key = </etc/pftls/dovecot-key.pem"]
        #expect(entry.lines.map { String(new[$0 - 1]).trimmingCharacters(in: .whitespaces) } == expected)
        // A 2.3 file read by 2.4 has lines to convert; a 2.4 file has none.
        #expect(files.outdatedLines().isEmpty == entry.version.namesServerFiles)
    }

    @Test func aRequiredIncludeThatIsNotThereNamesItself() {
        #expect {
            try DovecotConfigFiles.read(Self.corpus + "/mailcow/dovecot.conf", fileSystem: LocalFileSystem())
        } throws: { error in
            (error as? DovecotConfigFiles.ReadFailure)?.path == "/etc/dovecot/dovecot.folders.conf"
        }
    }

    @Test func mailusFileWithoutGlobalSslLinesGetsThemAtItsEnd() throws {
        // Mailu ends TLS in front of Dovecot: only `protocol sieve { ssl = no }`, no global line.
        var files = try DovecotConfigFiles.read(Self.corpus + "/mailu/dovecot.conf", fileSystem: LocalFileSystem())
        #expect(files.settings.contains { $0.key == "ssl" && $0.scope == ["protocol sieve"] })
        files.set("ssl_cert", to: "</etc/pftls/dovecot-cert.pem", after: ["ssl"])
        let change = try #require(files.changedFiles.first)
        let old = String(decoding: change.old, as: UTF8.self)
        #expect(String(decoding: change.new, as: UTF8.self) == old + (old.hasSuffix("\n") ? "" : "\n") + "ssl_cert = </etc/pftls/dovecot-cert.pem\n")
    }
}
