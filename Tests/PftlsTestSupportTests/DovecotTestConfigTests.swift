import Testing
import PftlsTestSupport

/// The throwaway Dovecot's config files are written in the syntax of the installed version:
/// the branch comes from `dovecot --version`, and 2.4 gets its own ssl lines and preamble.
@Suite struct DovecotTestConfigTests {
    private static func config(_ syntax: DovecotSyntax) -> DovecotTestConfig {
        DovecotTestConfig(syntax: syntax, root: "/var/tmp/pftls-dovecot-X", certificate: "/k/c.pem", key: "/k/c.key",
                          listeners: DovecotListener.standard(ports: [1143, 1993, 1110, 1995, 4190]))
    }

    private static func file(_ path: String, of config: DovecotTestConfig) -> String {
        config.files.first { $0.path == path }?.text ?? ""
    }

    @Test func theSyntaxIsTheBranchOfTheVersionDovecotPrints() {
        #expect(DovecotSyntax(version: "2.3.19.1 (9b53102964)\n") == .v2_3)
        #expect(DovecotSyntax(version: "2.4.1-4 (7d8c0e5759)") == .v2_4)
        #expect(DovecotSyntax(version: "2.2.36 (1f10bfa63)") == nil)
        #expect(DovecotSyntax(version: "") == nil)
    }

    @Test func version23ReadsTheFilesThroughALessThanSign() {
        let ssl = Self.file("conf.d/10-ssl.conf", of: Self.config(.v2_3))
        #expect(ssl.contains("\nssl = required\n"))
        #expect(ssl.contains("\nssl_cert = </k/c.pem\nssl_key = </k/c.key\n"))
        #expect(!ssl.contains("ssl_server_"))
        #expect(Self.file("dovecot.conf", of: Self.config(.v2_3)).hasPrefix("## "))
    }

    @Test func version24NamesPlainPathsAndOpensWithTheConfigVersion() {
        let config = Self.config(.v2_4)
        let ssl = Self.file("conf.d/10-ssl.conf", of: config)
        #expect(ssl.contains("\nssl_server_cert_file = /k/c.pem\nssl_server_key_file = /k/c.key\n"))
        #expect(!ssl.split(separator: "\n").contains { $0.hasPrefix("ssl") && $0.contains("<") })
        let settings = Self.file("dovecot.conf", of: config).split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(settings.first == "dovecot_config_version = 2.4.0")
        #expect(Self.file("conf.d/10-auth.conf", of: config).contains("passdb static {"))
    }

    @Test func theMainFileIncludesConfDAndOnlyTenSSLConfHoldsTheSSLLines() {
        for syntax in DovecotSyntax.allCases {
            let config = Self.config(syntax)
            #expect(Self.file("dovecot.conf", of: config).contains("\n!include conf.d/*.conf\n"))
            let holders = config.files.filter { file in file.text.split(separator: "\n").contains { $0.hasPrefix("ssl") } }.map(\.path)
            #expect(holders == ["conf.d/10-ssl.conf"], "\(syntax)")
        }
    }

    @Test func everyListenerIsWrittenOnItsPortAndOnlyTheImplicitOnesSayTLS() {
        let master = Self.file("conf.d/10-master.conf", of: Self.config(.v2_3))
        #expect(master.contains("service imap-login {\n  inet_listener imap {\n    port = 1143\n  }\n  inet_listener imaps {\n    port = 1993\n    ssl = yes\n  }\n}"))
        #expect(master.contains("service pop3-login {\n  inet_listener pop3 {\n    port = 1110\n  }\n  inet_listener pop3s {\n    port = 1995\n    ssl = yes\n  }\n}"))
        #expect(master.contains("service managesieve-login {\n  inet_listener sieve {\n    port = 4190\n  }\n}"))
    }
}
