import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Defaults from `postconf -d`, or the built-in table without Postfix.
    @Suite struct PostfixDefaultsTests {
        /// Stands in for a machine without Postfix.
        struct NothingInstalled: ProcessRunner {
            func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? { nil }
        }

        @Test func parsesPostconfOutput() {
            let values = PostfixDefaults.parse(postconfOutput: "smtpd_tls_security_level =\ntls_random_source = dev:/dev/urandom\nsmtpd_relay_restrictions = ${{$compatibility_level} <level {1} ? {} : {a, b}}\nnoise\n")
            #expect(values == [
                "smtpd_tls_security_level": "",
                "tls_random_source": "dev:/dev/urandom",
                "smtpd_relay_restrictions": "${{$compatibility_level} <level {1} ? {} : {a, b}}",
            ])
        }

        @Test func fallsBackToBuiltInTableWithoutPostfix() {
            let defaults = PostfixDefaults.load(using: NothingInstalled())
            #expect(defaults.source == .builtIn)
            #expect(defaults["tls_random_source"] == "dev:/dev/urandom")
            #expect(defaults["smtpd_tls_security_level"] == "")
            #expect(defaults["smtpd_sasl_type"] == "cyrus")
            #expect(defaults["no_such_parameter"] == nil)
        }

        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func loadsFromPostconf() {
            let defaults = PostfixDefaults.load(using: SystemProcessRunner())
            #expect(defaults.source == .postconf)
            #expect(defaults.values.count > 500)
            #expect(defaults["smtpd_tls_key_file"] == "$smtpd_tls_cert_file")
        }

        /// The built-in table was copied from Postfix 3.7; on such a machine it must still match.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func builtInTableMatchesInstalledPostfix37() throws {
            let version = try #require(try SystemProcessRunner().run("postconf", ["-d", "-h", "mail_version"])).output
            guard version.hasPrefix("3.7.") else { return }
            let installed = PostfixDefaults.load(using: SystemProcessRunner())
            for (name, value) in PostfixDefaults.builtIn.values {
                #expect(installed[name] == value, "\(name)")
            }
        }
    }
}
