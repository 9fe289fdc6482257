import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Dovecot's canary block: written in the version's syntax, and removed whole when a
/// killed run left it behind, with nothing else of the file.
@Suite struct DovecotCanaryBlockTests {
    @Test func theBlockInEitherSyntax() {
        let old = DovecotCanary.block(names: DovecotSettingNames(version: DovecotVersion(2, 3, 19)), key: "/t/.pftls-canary-k.pem", certificate: "/t/.pftls-canary-c.pem")
        #expect(old.contains("local 127.0.0.2 {\n  ssl_cert = </t/.pftls-canary-c.pem\n  ssl_key = </t/.pftls-canary-k.pem\n}\n"))
        let new = DovecotCanary.block(names: DovecotSettingNames(version: DovecotVersion(2, 4, 1)), key: "/t/k.pem", certificate: "/t/c.pem")
        #expect(new.contains("  ssl_server_cert_file = /t/c.pem\n  ssl_server_key_file = /t/k.pem\n"))
    }

    @Test func aLeftBlockIsRemovedAndNothingElse() throws {
        let file = "protocols = imap\n!include conf.d/*.conf\n"
        let names = DovecotSettingNames(version: DovecotVersion(2, 3, 19))
        let left = file + DovecotCanary.block(names: names, key: "/k", certificate: "/c")
        #expect(DovecotCanary.removingBlock(from: Array(left.utf8)).map { String(decoding: $0, as: UTF8.self) } == file)
        #expect(DovecotCanary.removingBlock(from: Array(file.utf8)) == nil)
        let latin1: [UInt8] = Array("# r".utf8) + [0xE9] + Array("sum\n".utf8)
        #expect(DovecotCanary.removingBlock(from: latin1 + Array(DovecotCanary.block(names: names, key: "/k", certificate: "/c").utf8)) == latin1,
                "the rest stays byte for byte")
        let twice = left + DovecotCanary.block(names: names, key: "/k", certificate: "/c")
        #expect(DovecotCanary.removingBlock(from: Array(twice.utf8)).map { String(decoding: $0, as: UTF8.self) } == file)
    }

    /// What a left block names, in either syntax and for the alternate pair, so check can say
    /// that Dovecot's next reload would fail once they are gone.
    @Test func theFilesALeftBlockNames() {
        let old = DovecotSettingNames(version: DovecotVersion(2, 3, 19)), new = DovecotSettingNames(version: DovecotVersion(2, 4, 1))
        let file = "protocols = imap\nssl_cert = </etc/c.pem\n"
            + DovecotCanary.block(names: old, key: "/t/.pftls-canary-dovecot-alt-key.pem", certificate: "/t/.pftls-canary-dovecot-alt-cert.pem", alternate: true)
            + "ssl_key = </etc/k.pem\n" + DovecotCanary.block(names: new, key: "/t/k2.pem", certificate: "/t/c2.pem")
        #expect(DovecotCanary.leftoverFiles(in: Array(file.utf8)) == ["/t/.pftls-canary-dovecot-alt-cert.pem", "/t/.pftls-canary-dovecot-alt-key.pem", "/t/c2.pem", "/t/k2.pem"])
        #expect(DovecotCanary.leftoverFiles(in: Array("ssl_cert = </etc/c.pem\nlocal 127.0.0.2 {\n}\n".utf8)) == nil, "an admin's own block is not the canary's")
    }

    /// A run that does not cover Dovecot leaves Dovecot's copies: a left block may name them.
    @Test func dovecotsCopiesStayUnlessDovecotIsCovered() throws {
        let directory = TemporaryDirectory.create("pftls-canary-left")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in [".pftls-canary-smtpd-chain.pem", ".pftls-canary-dovecot-alt-key.pem", ".pftls-canary-dovecot-cert.pem"] {
            FileManager.default.createFile(atPath: directory + "/" + name, contents: Data())
        }
        #expect(Canary.removeLeftoverFiles(in: directory) == [".pftls-canary-smtpd-chain.pem"])
        #expect(Set(Canary.removeLeftoverFiles(in: directory, dovecot: true)) == [".pftls-canary-dovecot-alt-key.pem", ".pftls-canary-dovecot-cert.pem"])
    }
}
