import Testing
@testable import PftlsCore

extension HelpTests {
    /// Finding an entry the way people type it, and suggesting one for a typo.
    @Suite struct HelpLookupTests {
        @Test(arguments: [
            "smtpd_tls_CAfile", "SMTPD_TLS_CAFILE", "smtpd_tls_cafile", "  smtpd_tls_CAfile ",
            "smtpd_tls_CAfile=/etc/postfix/cacert.pem", "smtpd_tls_CAfile = /etc/postfix/cacert.pem",
            "-o smtpd_tls_CAfile=/etc/x.pem", "-osmtpd_tls_CAfile=x", "-o { smtpd_tls_CAfile = /etc/x y.pem }",
        ])
        func findsTheEntry(_ text: String) {
            #expect(ParameterHelpCatalog.lookup(text)?.name == "smtpd_tls_CAfile")
        }

        @Test func findsLayoutsAndServicesByTheirShortName() {
            #expect(ParameterHelpCatalog.lookup("chain-file")?.name == "layout.chain-file")
            #expect(ParameterHelpCatalog.lookup("Layout.Separate-Files")?.name == "layout.separate-files")
            #expect(ParameterHelpCatalog.lookup("submissions")?.name == "service.submissions")
        }

        @Test func queryKeepsTheValue() {
            let query = HelpQuery("-o smtpd_tls_security_level=encrypt")
            #expect(query == HelpQuery("SMTPD_TLS_SECURITY_LEVEL = encrypt"))
            #expect(query.name == "smtpd_tls_security_level")
            #expect(query.value == "encrypt")
            #expect(HelpQuery("smtpd_tls_wrappermode").value == nil)
            #expect(HelpQuery("smtpd_tls_wrappermode=").value == nil)
        }

        @Test func valueHelpIsCaseInsensitive() throws {
            let help = try #require(ParameterHelpCatalog.lookup("smtp_tls_security_level"))
            #expect(help.value("DANE-only")?.value == "dane-only")
            #expect(help.value("bogus") == nil)
        }

        @Test(arguments: ["", "smtpd_tls_cert", "-o", "smtpd_tls_chain_file_x", "layout."])
        func unknownNamesAreNotFound(_ text: String) {
            #expect(ParameterHelpCatalog.lookup(text) == nil)
        }

        @Test(arguments: [
            ("smtpd_tls_cert", "smtpd_tls_cert_file"), ("smtpd_tls_chain_file", "smtpd_tls_chain_files"),
            ("smtpd_tls_securty_level", "smtpd_tls_security_level"), ("wrappermode", "smtpd_tls_wrappermode"),
            ("-o smtpd_sasl_auth_enabled=yes", "smtpd_sasl_auth_enable"), ("submision", "service.submission"),
        ])
        func suggestsCloseMatches(_ typo: String, _ expected: String) {
            let suggestions = ParameterHelpCatalog.suggestions(for: typo)
            #expect(suggestions.first == expected, "\(suggestions)")
            #expect(suggestions.count <= 5)
        }

        @Test func suggestsNothingForNonsense() {
            #expect(ParameterHelpCatalog.suggestions(for: "xyzzy").isEmpty)
            #expect(ParameterHelpCatalog.suggestions(for: "").isEmpty)
        }

        @Test func editDistance() {
            #expect(HelpSuggestions.editDistance("kitten", "sitting") == 3)
            #expect(HelpSuggestions.editDistance("", "abc") == 3)
            #expect(HelpSuggestions.editDistance("same", "same") == 0)
        }
    }
}
