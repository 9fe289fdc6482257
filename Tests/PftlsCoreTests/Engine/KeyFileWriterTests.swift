import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

@Suite(.serialized) struct KeyFileWriterTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    @Test func writesMode0600EvenWithAPermissiveUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let destination = directory.file("server.pem")
        try KeyFileWriter().write(key: pki.leaf.key, chain: [pki.leaf.certificate, pki.intermediate.certificate], to: destination)
        var info = stat()
        #expect(stat(destination, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let text = String(decoding: directory.read("server.pem"), as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(text.components(separatedBy: "BEGIN CERTIFICATE").count == 3)
        // What was written is what the engine reads back: key first, then the chain.
        let report = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [destination], options: InspectionOptions(hostname: "mail.example.test"))
        #expect(report.findings.isEmpty)
        // No temp file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["server.pem"])
    }

    @Test func replacesAnExistingFileAtomicallyAndLeavesTheSourceUntouched() throws {
        var secret = Array("pw".utf8)
        let encrypted = try #require(pki.leaf.key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8))
        let source = directory.write("encrypted.pem", encrypted)
        let before = directory.read("encrypted.pem")
        let decoded = Inspector.testing().load(source, passphrases: passphrase("pw"))
        guard case .privateKey(let key)? = decoded.items.first?.object else { Issue.record("no key"); return }
        let destination = directory.write("plain.pem", "old content")
        try KeyFileWriter().write(key: key, to: destination)
        #expect(directory.read("encrypted.pem") == before)
        #expect(String(decoding: directory.read("plain.pem"), as: UTF8.self).contains("BEGIN PRIVATE KEY"))
    }

    @Test func refusesASymlinkAtTheDestination() throws {
        let target = directory.write("target.txt", "do not overwrite")
        let link = directory.file("link.pem")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: AtomicFileWriter.Failure.self) { try KeyFileWriter().write(key: pki.leaf.key, to: link) }
        #expect(String(decoding: directory.read("target.txt"), as: UTF8.self) == "do not overwrite")
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(entries == ["link.pem", "target.txt"])
    }

    @Test func failsCleanlyInAMissingDirectory() {
        #expect(throws: AtomicFileWriter.Failure.self) {
            try KeyFileWriter().write(key: pki.leaf.key, to: directory.file("no/such/dir/key.pem"))
        }
    }

    @Test func aFileNameOf255BytesIsWrittenThroughAShortTempName() throws {
        let name = String(repeating: "k", count: 251) + ".key"
        try KeyFileWriter().write(key: pki.leaf.key, to: directory.file(name))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [name])
    }

    @Test func aKeyThatMustNotReplaceAnotherLeavesTheOtherAlone() throws {
        let destination = directory.write("taken.key", "the other run's key")
        do {
            try KeyFileWriter().write(key: pki.leaf.key, to: destination, replacing: false)
            Issue.record("an existing key must not be replaced")
        } catch {
            #expect(error.alreadyExists, "\(error)")
        }
        #expect(String(decoding: directory.read("taken.key"), as: UTF8.self) == "the other run's key")
        try KeyFileWriter().write(key: pki.leaf.key, to: directory.file("new.key"), replacing: false)
        #expect(String(decoding: directory.read("new.key"), as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["new.key", "taken.key"], "no temp file is left")
    }
}
