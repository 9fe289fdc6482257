import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// `$name` expansion and defaults.
    @Suite struct MainConfigExpansionTests {
        static let defaults = PostfixDefaults(values: ["data_directory": "/var/lib/postfix", "smtpd_tls_cert_file": "", "smtpd_tls_key_file": "$smtpd_tls_cert_file"], source: .builtIn)

        @Test func expandsReferencesRecursivelyWithDefaults() {
            let config = MainConfig(parsing: "smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache\nsmtpd_tls_cert_file = /etc/x/$name.pem\nname = mail\n")
            #expect(config.effectiveValue(of: "smtp_tls_session_cache_database", defaults: Self.defaults) == "btree:/var/lib/postfix/smtp_scache")
            #expect(config.effectiveValue(of: "smtpd_tls_key_file", defaults: Self.defaults) == "/etc/x/mail.pem")
            #expect(config.effectiveValue(of: "unknown_parameter", defaults: Self.defaults) == nil)
        }

        @Test(arguments: [
            ("${set?yes}", "yes"), ("${unset?yes}", ""), ("${set:no}", ""), ("${unset:no}", "no"),
            ("${set?{a b}}", "a b"), ("${set?{one}:{two}}", "one"), ("${unset?{one}:{two}}", "two"),
            ("$(set)", "x"), ("$$set", "$set"), ("${set}y", "xy"), ("a $ b", "a $ b"), ("$unset.", "."),
        ])
        func conditionalForms(_ expression: String, _ expected: String) {
            let config = MainConfig(parsing: "set = x\nunset =\nprobe = \(expression)\n")
            #expect(config.effectiveValue(of: "probe", defaults: Self.defaults) == expected)
        }

        @Test func loopsAreLeftUnexpanded() {
            let config = MainConfig(parsing: "a = <$b>\nb = [$a]\nself = $self\n")
            #expect(config.effectiveValue(of: "a", defaults: Self.defaults) == "<[$a]>")
            #expect(config.effectiveValue(of: "self", defaults: Self.defaults) == "$self")
        }

        /// Expansion agrees with `postconf -x` for the Debian file.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func expansionAgreesWithPostconf() throws {
            let contents = PostfixCorpus.debianMainCf + "smtpd_tls_CAfile = ${data_directory}/ca.pem\nsmtpd_tls_ask_ccert = ${smtpd_tls_CAfile?yes}\n"
            let config = MainConfig(parsing: contents)
            let sandbox = PostconfSandbox(mainCf: contents)
            let defaults = PostfixDefaults.load(using: SystemProcessRunner())
            let names = ["smtp_tls_session_cache_database", "smtpd_tls_key_file", "smtpd_banner", "smtpd_tls_CAfile", "smtpd_tls_ask_ccert", "mydestination", "tls_random_source"]
            for name in names {
                let result = try sandbox.postconf("-x", "-h", name)
                #expect(result.errorOutput.isEmpty)
                #expect(config.effectiveValue(of: name, defaults: defaults) == result.output, "\(name)")
            }
        }
    }
}
