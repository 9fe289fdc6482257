import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Reading values out of main.cf the way Postfix does.
    @Suite struct MainConfigReadTests {
        @Test func readsDebianSnakeoilBlock() {
            let config = MainConfig(parsing: PostfixCorpus.debianMainCf)
            #expect(config.value(of: "smtpd_tls_cert_file") == "/etc/ssl/certs/ssl-cert-snakeoil.pem")
            #expect(config.value(of: "smtp_tls_session_cache_database") == "btree:${data_directory}/smtp_scache")
            #expect(config.value(of: "relayhost") == "")
            #expect(config.value(of: "myorigin") == "/etc/mailname")
            #expect(config.value(of: "delay_warning_time") == nil, "commented out")
            #expect(config.parameters.first?.name == "smtpd_banner")
            #expect(config.parameters.first?.lineNumber == 9)
        }

        @Test func lastSettingWins() {
            let config = MainConfig(parsing: "biff = yes\nbiff = no\n")
            #expect(config.value(of: "biff") == "no")
            #expect(config.parameters.count == 2)
        }

        @Test func continuationLinesJoinAcrossCommentsAndBlankLines() {
            let config = MainConfig(parsing: "mydestination = a,\n# note\n\n    b\r\nbiff = no\n")
            #expect(config.value(of: "mydestination") == "a, b")
            #expect(config.value(of: "biff") == "no")
        }

        @Test func malformedAndOrphanLinesAreNotParameters() {
            let config = MainConfig(parsing: "  orphan = 1\nnot a setting\nbiff = no\n")
            #expect(config.parameters.map(\.name) == ["biff"])
        }

        /// The values the model reads are the ones `postconf -h` reads.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func valuesAgreeWithPostconf() throws {
            let contents = PostfixCorpus.debianMainCf + "mydestination = one,\n# comment between\n\n\ttwo\r\nrelayhost=[mx.example.test]:587   \n"
            let config = MainConfig(parsing: contents)
            let sandbox = PostconfSandbox(mainCf: contents)
            let (settings, errors) = try sandbox.explicitSettings()
            #expect(errors.contains("overriding earlier entry: relayhost"), "the corpus sets relayhost twice on purpose")
            for name in settings.keys {
                #expect(config.value(of: name) == settings[name], "\(name)")
            }
            #expect(Set(config.parameters.map(\.name)) == Set(settings.keys))
        }
    }
}
