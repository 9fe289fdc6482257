import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Editing main.cf: only the lines of the edited setting change.
    @Suite struct MainConfigEditTests {
        @Test func setRewritesInPlaceAsNameSpaceEqualsSpaceValueKeepingOtherLines() throws {
            var config = MainConfig(parsing: PostfixCorpus.debianMainCf)
            try config.set("smtpd_tls_cert_file", "/etc/postfix/tls/chain.pem")
            let before = ConfigLine.split(PostfixCorpus.debianMainCf)
            let after = ConfigLine.split(config.render())
            #expect(before.count == after.count)
            let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            #expect(changed == [26])
            #expect(after[26].text == "smtpd_tls_cert_file = /etc/postfix/tls/chain.pem")
        }

        @Test func setRemovesLaterDuplicatesWithTheirContinuations() throws {
            var config = MainConfig(parsing: "a_x = 1\nsmtpd_tls_security_level = none\nbiff = no\nsmtpd_tls_security_level =\n  encrypt\n# keep me\nmyhostname = m\n")
            try config.set("smtpd_tls_security_level", "may")
            #expect(config.render() == "a_x = 1\nsmtpd_tls_security_level = may\nbiff = no\n# keep me\nmyhostname = m\n")
        }

        @Test func setReplacesContinuationLinesButKeepsCommentsBetweenThem() throws {
            var config = MainConfig(parsing: "mydestination = a,\n# note\n  b\nbiff = no\n")
            try config.set("mydestination", "c")
            #expect(config.render() == "mydestination = c\n# note\nbiff = no\n")
        }

        @Test func setAppendsWhenAbsentAndKeepsAMissingFinalNewlineMissing() throws {
            var config = MainConfig(parsing: "biff = no")
            try config.set("smtpd_tls_chain_files", "/etc/postfix/a.pem, /etc/postfix/b.pem")
            #expect(config.render() == "biff = no\nsmtpd_tls_chain_files = /etc/postfix/a.pem, /etc/postfix/b.pem")
        }

        @Test func newSettingsGoBeforeTrailingCommentsAndModelines() throws {
            let original = "biff = no\nrelayhost =\n    [smtp.example.test]:587\n\n# DO NOT EDIT ANYTHING BELOW #\n# vim: set ft=pfmain:\n"
            var config = MainConfig(parsing: original)
            try config.set("smtpd_tls_security_level", "may")
            #expect(config.render() == "biff = no\nrelayhost =\n    [smtp.example.test]:587\nsmtpd_tls_security_level = may\n\n# DO NOT EDIT ANYTHING BELOW #\n# vim: set ft=pfmain:\n")
        }

        @Test func aMultiLineValueIsReplacedAsNameSpaceEqualsSpaceValue() throws {
            var config = MainConfig(parsing: "smtpd_tls_cert_file =\r\n    /etc/old.pem\r\nbiff = no\r\n")
            try config.set("smtpd_tls_cert_file", "/etc/new.pem")
            #expect(config.render() == "smtpd_tls_cert_file = /etc/new.pem\r\nbiff = no\r\n")
        }

        @Test func anUnchangedValueKeepsItsSpelling() throws {
            var config = MainConfig(parsing: "smtpd_tls_security_level=may\n")
            try config.set("smtpd_tls_security_level", "may")
            #expect(config.render() == "smtpd_tls_security_level=may\n")
        }

        @Test func crlfFilesGetCrlfLines() throws {
            var config = MainConfig(parsing: "biff = no\r\n")
            try config.set("smtpd_tls_security_level", "may")
            #expect(config.render() == "biff = no\r\nsmtpd_tls_security_level = may\r\n")
        }

        @Test func emptyValueIsWrittenWithoutTrailingSpace() throws {
            var config = MainConfig(parsing: "relayhost = [mx]\n")
            try config.set("relayhost", "")
            #expect(config.render() == "relayhost =\n")
            #expect(config.value(of: "relayhost") == "")
        }

        @Test func removeDeletesEveryOccurrenceAndKeepsMissingFinalNewline() {
            var config = MainConfig(parsing: "tls_random_source = dev:/dev/urandom\n  \nbiff = no\n# c\ntls_random_source =\n dev:/dev/random")
            config.remove("tls_random_source")
            #expect(config.render() == "  \nbiff = no\n# c")
            #expect(config.value(of: "tls_random_source") == nil)
        }

        @Test func removeOfAbsentNameChangesNothing() {
            var config = MainConfig(parsing: PostfixCorpus.debianMainCf)
            config.remove("smtpd_tls_chain_files")
            #expect(config.render() == PostfixCorpus.debianMainCf)
        }

        @Test(arguments: ["", "bad name", "a=b", "#x", "caf\u{E9}"])
        func rejectsInvalidNames(_ name: String) {
            var config = MainConfig(parsing: "")
            #expect(throws: PostfixConfigError.invalidParameterName(name)) { try config.set(name, "x") }
        }

        @Test(arguments: ["a\nb", " leading", "trailing ", "x\r"])
        func rejectsValuesPostfixWouldReadDifferently(_ value: String) {
            var config = MainConfig(parsing: "")
            #expect(throws: PostfixConfigError.self) { try config.set("relayhost", value) }
            #expect(config.render() == "")
        }

        /// After each edit, the real postconf reads the intended values and warns about nothing.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func editsReadBackThroughPostconfWithoutWarnings() throws {
            var config = MainConfig(parsing: PostfixCorpus.debianMainCf + "smtpd_tls_security_level = encrypt\n")
            let edits: [(String, String?)] = [
                ("smtpd_tls_security_level", "may"),
                ("smtpd_tls_chain_files", "/etc/postfix/tls/rsa.pem, /etc/postfix/tls/ecdsa.pem"),
                ("smtpd_tls_cert_file", nil),
                ("smtpd_tls_key_file", nil),
                ("smtp_tls_session_cache_database", "btree:${data_directory}/smtp_scache2"),
                ("relayhost", "[smtp.example.test]:587"),
            ]
            for (name, value) in edits {
                if let value { try config.set(name, value) } else { config.remove(name) }
                let (settings, errors) = try PostconfSandbox(mainCf: config.render()).explicitSettings()
                #expect(errors.isEmpty, "after editing \(name): \(errors)")
                #expect(settings[name] == value, "\(name)")
                #expect(settings["myhostname"] == "mail.example.test")
            }
        }
    }
}
