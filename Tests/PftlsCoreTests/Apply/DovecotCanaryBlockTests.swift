import Foundation
import Testing
@testable import PftlsCore

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
}
