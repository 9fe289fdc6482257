import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Reading services, fields and `-o` overrides.
    @Suite struct MasterConfigParseTests {
        @Test func readsFieldsOptionsAndArguments() throws {
            let config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            let smtp = try #require(config.service(ServiceKey("smtp", "inet")))
            #expect(smtp.fields == ["smtp", "inet", "n", "-", "y", "-", "-", "smtpd"])
            #expect(smtp.options.isEmpty)
            let relay = try #require(config.service(ServiceKey("relay", "unix")))
            #expect(relay.options == [MasterOption(name: "syslog_name", value: "postfix/$service_name")])
            let maildrop = try #require(config.service(ServiceKey("maildrop", "unix")))
            #expect(maildrop.arguments == ["flags=DRXhu", "user=vmail", "argv=/usr/bin/maildrop", "-d", "${recipient}"])
            #expect(config.service(ServiceKey("submission", "inet")) == nil, "commented out")
            #expect(config.services.first?.lineNumber == 12)
        }

        @Test func readsBracedAndSplitOptions() throws {
            let config = MasterConfig(parsing: "submission inet n - y - - smtpd\n  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }\n# c\n\n  -o\n   smtpd_sasl_auth_enable=yes -o x={ a }\n")
            let service = try #require(config.service(ServiceKey("submission", "inet")))
            #expect(service.options == [
                MasterOption(name: "smtpd_client_restrictions", value: "permit_sasl_authenticated, reject"),
                MasterOption(name: "smtpd_sasl_auth_enable", value: "yes"),
                MasterOption(name: "x", value: "{ a }"),
            ])
            #expect(service.option("smtpd_sasl_auth_enable") == "yes")
        }

        @Test func lastEntryForAKeyWins() throws {
            let config = MasterConfig(parsing: "smtps inet n - y - - smtpd -o a=1\nsubmissions inet n - y - - smtpd -o a=2\n")
            #expect(config.service(ServiceKey("465", "inet"))?.option("a") == "2")
        }

        @Test(arguments: [
            ("smtps", "submissions"), ("smtps", "465"), ("submission", "587"), ("smtp", "25"),
            ("127.0.0.1:submission", "127.0.0.1:587"), ("[::1]:465", "[::1]:smtps"), ("SMTPS", "465"),
        ])
        func equivalentServiceNames(_ first: String, _ second: String) {
            #expect(ServiceKey(first, "inet") == ServiceKey(second, "inet"))
            #expect(ServiceKey(first, "inet").hashValue == ServiceKey(second, "inet").hashValue)
        }

        @Test(arguments: [
            (ServiceKey("smtp", "inet"), ServiceKey("smtp", "unix")),
            (ServiceKey("submission", "inet"), ServiceKey("127.0.0.1:submission", "inet")),
            (ServiceKey("smtps", "inet"), ServiceKey("submission", "inet")),
            (ServiceKey("25", "unix"), ServiceKey("smtp", "unix")),
        ])
        func distinctServiceNames(_ first: ServiceKey, _ second: ServiceKey) {
            #expect(first != second)
        }

        @Test func splitsAddressFromService() {
            #expect(ServiceKey("[::1]:465", "inet").host == "[::1]")
            #expect(ServiceKey("[::1]:465", "inet").service == "465")
            #expect(ServiceKey("127.0.0.1:submission", "inet").host == "127.0.0.1")
            #expect(ServiceKey("submission", "inet").host == nil)
            #expect(ServiceKey("smtp", "unix").service == "smtp")
        }
    }
}
