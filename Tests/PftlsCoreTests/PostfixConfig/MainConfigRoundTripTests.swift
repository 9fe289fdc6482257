import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// main.cf must come back byte for byte when nothing is edited.
    @Suite struct MainConfigRoundTripTests {
        static let edgeCases: [String] = [
            "",
            "\n",
            "biff = no",
            "biff = no\n\n\n",
            "biff = no\r\nrelayhost = [mx]:587\r\n",
            "biff = no\r\nrelayhost = x",
            "  orphan = continuation\nbiff = no\n",
            "mydestination = a,\n    b,\n# comment inside\n\n\tc\n",
            "   \t\n#\n\t# indented comment\nbiff=no\n",
            "relayhost =   \t \nbiff\t=\tno   \n",
            "smtpd_banner = caf\u{E9} \u{2013} ok\n",
            "lone\rcarriage = return\n",
        ]

        @Test(arguments: edgeCases)
        func edgeCaseRoundTrips(_ contents: String) {
            #expect(MainConfig(parsing: contents).render() == contents)
        }

        @Test func debianSnakeoilRoundTrips() {
            #expect(MainConfig(parsing: PostfixCorpus.debianMainCf).render() == PostfixCorpus.debianMainCf)
        }

        @Test(.enabled(if: SystemConfigFile.exists("/etc/postfix/main.cf"), "/etc/postfix/main.cf is absent: Postfix is not installed"))
        func installedMainCfRoundTrips() throws {
            let contents = try #require(SystemConfigFile.contents("/etc/postfix/main.cf"))
            #expect(MainConfig(parsing: contents).render() == contents)
        }

        @Test(.enabled(if: SystemConfigFile.exists("/usr/share/postfix/main.cf.dist"), "/usr/share/postfix/main.cf.dist is absent: Postfix is not installed"))
        func distributedMainCfRoundTrips() throws {
            let contents = try #require(SystemConfigFile.contents("/usr/share/postfix/main.cf.dist"))
            #expect(MainConfig(parsing: contents).render() == contents)
        }
    }
}
