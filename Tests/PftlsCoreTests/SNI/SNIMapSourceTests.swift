import Foundation
import Testing
@testable import PftlsCore

/// SNI maps as Postfix reads them (DOVECOT-AND-SNI-FACTS.md: lookup by the name, then
/// `.parent` domains; the value lists files as `smtpd_tls_chain_files` does).
@Suite struct SNIMapSourceTests {
    @Test func referencesOfEveryKind() throws {
        let hash = try #require(SNIMapReference("hash:/etc/postfix/sni"))
        #expect(hash.type == "hash" && hash.name == "/etc/postfix/sni" && hash.isIndexed && hash.listsNames)
        #expect(SNIMapReference("${default_database_type}:/etc/postfix/sni", defaultType: "lmdb")?.type == "lmdb")
        let inline = try #require(SNIMapReference("inline:{ { mail.example.com = /a.pem, /b.pem }, .example.com=/c.pem }"))
        #expect(inline.type == "inline" && !inline.isIndexed && inline.name.hasPrefix("{ mail.example.com"))
        #expect(SNIMapReference("regexp:/etc/postfix/sni.re")?.listsNames == false)
        #expect(SNIMapReference("/etc/postfix/sni") == nil)
        #expect(SNIMapReference("inline:mail.example.com=/a.pem") == nil)
    }

    @Test func sourceLinesCommentsAndContinuations() {
        let source = SNIMapSource(text: """
            # mailcow-style map, one line per name
            mail.example.com /etc/postfix/sni/rsa.pem, /etc/postfix/sni/ecdsa.pem
            .example.com     /etc/postfix/sni/wild.pem

            other.test /etc/postfix/sni/other-key.pem
                /etc/postfix/sni/other-chain.pem
            """)
        #expect(source.entries.map(\.name) == ["mail.example.com", ".example.com", "other.test"])
        #expect(source.entries[0].files == ["/etc/postfix/sni/rsa.pem", "/etc/postfix/sni/ecdsa.pem"])
        #expect(source.entries[2].files == ["/etc/postfix/sni/other-key.pem", "/etc/postfix/sni/other-chain.pem"])
        #expect(source.entries.map(\.line) == [2, 3, 5])
    }

    @Test func lookupIsExactThenParentDomainsAndNeverTheParentItself() {
        let source = SNIMapSource(text: "Mail.Example.Test /a.pem\n.example.test /b.pem\nother.test /c.pem\n")
        #expect(source.entry(for: "mail.example.test")?.files == ["/a.pem"])
        #expect(source.entry(for: "x.example.test")?.files == ["/b.pem"])
        #expect(source.entry(for: "a.b.example.test")?.files == ["/b.pem"])
        #expect(source.entry(for: "example.test") == nil)
        #expect(source.entry(for: "y.other.test") == nil)
        #expect(SNIEntry(name: ".example.test", files: [], line: 1).matches("x.EXAMPLE.test"))
        #expect(!SNIEntry(name: ".example.test", files: [], line: 1).matches("example.test"))
    }

    @Test func inlineTables() {
        let source = SNIMapSource(inline: "{ mail.example.com = /a.pem, /b.pem }, .example.com=/c.pem")
        #expect(source.entries == [SNIEntry(name: "mail.example.com", files: ["/a.pem", "/b.pem"], line: 0),
                                   SNIEntry(name: ".example.com", files: ["/c.pem"], line: 0)])
    }
}
