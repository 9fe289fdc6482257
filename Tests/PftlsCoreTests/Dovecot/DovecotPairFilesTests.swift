import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Dovecot's pair is written to the name set its configuration does not name, and the
/// configuration switched to it in one rename: a key and a certificate of two generations
/// are never loaded together.
@Suite struct DovecotPairFilesTests {
    let directory = TemporaryDirectory.create("pftls-dovecot-pair")

    private func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8))
    }

    private func choose(named: (String, String)?, alternate: Bool = false, key: String = "new key", certificate: String = "new cert") -> DovecotPairFiles {
        DovecotPairFiles.choose(in: directory + "/", alternate: alternate, named: named.map { DovecotKeyPair(certificate: directory + "/" + $0.1, key: directory + "/" + $0.0, spelledForVersion: true) },
                                key: SecretBytes(count: key.utf8.count) { $0.copyBytes(from: Array(key.utf8)) }, certificate: Array(certificate.utf8),
                                fileSystem: LocalFileSystem())
    }

    @Test func theSetNotNamedIsWrittenAndANamedSetThatHoldsTheNewFilesStays() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(choose(named: nil).certificate == directory + "/dovecot-cert.pem", "nothing named: the first set")
        #expect(choose(named: ("admin.key", "admin.pem")).key == directory + "/dovecot-key.pem", "the admin's own files: the first set")
        write("dovecot-key.pem", "old key")
        write("dovecot-cert.pem", "old cert")
        #expect(choose(named: ("dovecot-key.pem", "dovecot-cert.pem")) == DovecotPairFiles(key: directory + "/dovecot-key-b.pem", certificate: directory + "/dovecot-cert-b.pem", alternate: false))
        #expect(choose(named: ("dovecot-key-b.pem", "dovecot-cert-b.pem")).key == directory + "/dovecot-key.pem", "and back")
        #expect(choose(named: ("dovecot-key.pem", "dovecot-cert.pem"), key: "old key", certificate: "old cert").key == directory + "/dovecot-key.pem",
                "the named set already holds them: nothing to change")
        #expect(choose(named: ("dovecot-key.pem", "dovecot-cert.pem"), key: "old key").key == directory + "/dovecot-key-b.pem", "one file differs")
        #expect(choose(named: ("dovecot-alt-key.pem", "dovecot-alt-cert.pem"), alternate: true).certificate == directory + "/dovecot-alt-cert-b.pem")
    }
}
