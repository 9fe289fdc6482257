import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Editing master.cf: adding, replacing, enabling, disabling services and their `-o` options.
    @Suite struct MasterConfigEditTests {
        static let submission = ServiceKey("submission", "inet")
        static let submissions = ServiceKey("submissions", "inet")

        static let debianSubmissionOptions: [String: String] = [
            "syslog_name": "postfix/submission",
            "smtpd_tls_security_level": "encrypt",
            "smtpd_sasl_auth_enable": "yes",
            "smtpd_tls_auth_only": "yes",
            "smtpd_reject_unlisted_recipient": "no",
            "smtpd_client_restrictions": "",
            "smtpd_helo_restrictions": "",
            "smtpd_sender_restrictions": "",
            "smtpd_relay_restrictions": "",
            "smtpd_recipient_restrictions": "permit_sasl_authenticated,reject",
            "milter_macro_daemon_name": "ORIGINATING",
        ]

        /// The indices of the lines that differ; both texts must have the same number of lines.
        static func changedLines(_ before: String, _ after: String) -> [Int] {
            let old = ConfigLine.split(before)
            let new = ConfigLine.split(after)
            #expect(old.count == new.count)
            return zip(old, new).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        }

        @Test func enableUncommentsDebianTemplateInPlace() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            #expect(config.commentedServices.contains(Self.submission))
            try config.enable(Self.submission)
            let lines = ConfigLine.split(config.render())
            #expect(Self.changedLines(PostfixCorpus.debianMasterCf, config.render()) == [18, 19, 20, 21, 22, 23, 28, 29, 30, 31, 32, 33])
            #expect(lines[18].text == "submission inet n       -       y       -       -       smtpd")
            #expect(lines[19].text == "  -o syslog_name=postfix/submission")
            #expect(lines[24].text == "#     Instead of specifying complex smtpd_<xxx>_restrictions here,", "prose stays a comment")
            let service = try #require(config.service(Self.submission))
            #expect(Dictionary(service.options.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }) == Self.debianSubmissionOptions)
        }

        @Test func enableFindsSubmissionsUnderItsOldNameAndDoesNothingTwice() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            try config.enable(ServiceKey("smtps", "inet"))
            let once = config.render()
            #expect(config.service(Self.submissions)?.option("smtpd_tls_wrappermode") == "yes")
            try config.enable(ServiceKey("465", "inet"))
            #expect(config.render() == once)
            #expect(throws: PostfixConfigError.templateNotFound(ServiceKey("2525", "inet"))) { try config.enable(ServiceKey("2525", "inet")) }
        }

        @Test func disableThenEnableRestoresTheFile() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            try config.disable(ServiceKey("relay", "unix"))
            #expect(config.service(ServiceKey("relay", "unix")) == nil)
            #expect(config.render().contains("#relay     unix  -       -       y       -       -       smtp\n#        -o syslog_name=postfix/$service_name\n"))
            try config.enable(ServiceKey("relay", "unix"))
            #expect(config.render() == PostfixCorpus.debianMasterCf)

            try config.disable(ServiceKey("smtp", "inet"))
            try config.enable(ServiceKey("25", "inet"))
            #expect(config.render() == PostfixCorpus.debianMasterCf, "the first commented smtp line, not the postscreen one")
        }

        @Test func setOptionReplacesInPlaceAndDropsDuplicates() throws {
            var config = MasterConfig(parsing: "submission inet n - y - - smtpd\n\t-o smtpd_tls_security_level=may -o a=1\n\t-o smtpd_tls_security_level=none\n\t-o b=2 -o smtpd_tls_security_level=x\nsmtp inet n - y - - smtpd\n")
            try config.setOption("smtpd_tls_security_level", "encrypt", for: Self.submission)
            #expect(config.render() == "submission inet n - y - - smtpd\n\t-o smtpd_tls_security_level=encrypt -o a=1\n\t-o b=2\nsmtp inet n - y - - smtpd\n")
        }

        @Test func setOptionAddsALineAfterTheLastOptionWithTheEntrysIndentation() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            try config.enable(Self.submission)
            let enabled = config.render()
            try config.setOption("smtpd_tls_chain_files", "/etc/postfix/tls/a.pem, /etc/postfix/tls/b.pem", for: Self.submission)
            let before = ConfigLine.split(enabled)
            let after = ConfigLine.split(config.render())
            #expect(after.count == before.count + 1)
            #expect(after[34].text == "  -o { smtpd_tls_chain_files = /etc/postfix/tls/a.pem, /etc/postfix/tls/b.pem }")
            #expect(Array(after[..<34]) == Array(before[..<34]))
            #expect(Array(after[35...]) == Array(before[34...]))
        }

        @Test func setOptionOnAnEntryWithoutOptions() throws {
            var config = MasterConfig(parsing: "smtp      inet  n       -       y       -       -       smtpd\npickup    unix  n       -       y       60      1       pickup")
            try config.setOption("smtpd_tls_security_level", "may", for: ServiceKey("25", "inet"))
            #expect(config.render() == "smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_tls_security_level=may\npickup    unix  n       -       y       60      1       pickup")
            try config.setOption("syslog_name", "pickup", for: ServiceKey("pickup", "unix"))
            #expect(config.render().hasSuffix("pickup\n  -o syslog_name=pickup"), "a file without a final newline keeps it that way")
        }

        @Test func setOptionGoesBeforeTheCommandsArguments() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            try config.setOption("syslog_name", "postfix/maildrop", for: ServiceKey("maildrop", "unix"))
            #expect(config.render().hasSuffix("pipe\n  -o syslog_name=postfix/maildrop\n  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}\n"))
            var inline = MasterConfig(parsing: "x unix - n n - - pipe flags=R argv=/bin/true\n")
            try inline.setOption("a", "1", for: ServiceKey("x", "unix"))
            #expect(inline.render() == "x unix - n n - - pipe -o a=1 flags=R argv=/bin/true\n")
        }

        @Test func removeOptionKeepsTheRestOfEachLine() throws {
            var config = MasterConfig(parsing: "smtps inet n - y - - smtpd -o a=1 -o smtpd_tls_wrappermode=yes\n  -o smtpd_tls_wrappermode=no -o b=2\n  -o smtpd_tls_wrappermode=no\n  -o c=3\n")
            try config.removeOption("smtpd_tls_wrappermode", for: Self.submissions)
            #expect(config.render() == "smtps inet n - y - - smtpd -o a=1\n  -o b=2\n  -o c=3\n")
            try config.removeOption("absent", for: Self.submissions)
            #expect(config.render() == "smtps inet n - y - - smtpd -o a=1\n  -o b=2\n  -o c=3\n")
            #expect(throws: PostfixConfigError.serviceNotFound(Self.submission)) { try config.removeOption("a", for: Self.submission) }
        }

        @Test func optionsSplitAcrossLinesAreEditedToo() throws {
            var config = MasterConfig(parsing: "submission inet n - y - - smtpd\n  -o\n   a=1 -o b=2\n")
            try config.setOption("a", "9", for: Self.submission)
            #expect(config.render() == "submission inet n - y - - smtpd\n  -o\n   a=9 -o b=2\n")
            try config.removeOption("a", for: Self.submission)
            #expect(config.render() == "submission inet n - y - - smtpd\n   -o b=2\n")
        }

        @Test func addUsesDebianLayoutAndRefusesDuplicates() throws {
            var config = MasterConfig(parsing: "smtp      inet  n       -       y       -       -       smtpd")
            let service = MasterService(name: "submission", options: [MasterOption(name: "syslog_name", value: "postfix/submission"), MasterOption(name: "smtpd_tls_security_level", value: "encrypt")])
            try config.add(service)
            #expect(config.render() == "smtp      inet  n       -       y       -       -       smtpd\nsubmission inet n       -       y       -       -       smtpd\n  -o syslog_name=postfix/submission\n  -o smtpd_tls_security_level=encrypt")
            #expect(throws: PostfixConfigError.serviceExists(ServiceKey("587", "inet"))) { try config.add(MasterService(name: "587")) }
        }

        @Test func replaceRewritesTheEntryWhereItStands() throws {
            var config = MasterConfig(parsing: "a unix - - y - - x\nsmtps inet n - n - - smtpd\n\t-o smtpd_tls_wrappermode=yes\nb unix - - y - - x\n")
            var service = try #require(config.service(Self.submissions))
            service.name = "submissions"
            service.chroot = "y"
            service.options.append(MasterOption(name: "smtpd_sasl_auth_enable", value: "yes"))
            try config.replace(Self.submissions, with: service)
            #expect(config.render() == "a unix - - y - - x\nsubmissions inet n      -       y       -       -       smtpd\n\t-o smtpd_tls_wrappermode=yes\n\t-o smtpd_sasl_auth_enable=yes\nb unix - - y - - x\n")
        }

        @Test func invalidEditsThrowAndChangeNothing() {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            #expect(throws: PostfixConfigError.self) { try config.setOption("a b", "x", for: ServiceKey("smtp", "inet")) }
            #expect(throws: PostfixConfigError.self) { try config.setOption("a", "x\ny", for: ServiceKey("smtp", "inet")) }
            #expect(throws: PostfixConfigError.self) { try config.setOption("a", "{ x }", for: ServiceKey("smtp", "inet")) }
            #expect(throws: PostfixConfigError.self) { try config.add(MasterService(name: "new service")) }
            #expect(throws: PostfixConfigError.serviceNotFound(Self.submission)) { try config.disable(Self.submission) }
            #expect(config.render() == PostfixCorpus.debianMasterCf)
        }

        /// After each edit, postconf lists the intended services and overrides and warns about nothing.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func editsReadBackThroughPostconfWithoutWarnings() throws {
            var config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            var expected = Self.debianSubmissionOptions

            func check(_ step: String) throws {
                let sandbox = PostconfSandbox(masterCf: config.render())
                let (names, serviceErrors) = try sandbox.serviceNames()
                let (overrides, overrideErrors) = try sandbox.serviceOverrides()
                #expect(serviceErrors.isEmpty && overrideErrors.isEmpty, "\(step): \(serviceErrors) \(overrideErrors)")
                #expect(names.contains("submission/inet"), "\(step)")
                #expect(overrides["submission/inet"] == expected, "\(step)")
            }

            try config.enable(Self.submission)
            try check("enable")
            try config.setOption("smtpd_tls_security_level", "may", for: Self.submission)
            expected["smtpd_tls_security_level"] = "may"
            try check("set existing")
            try config.setOption("smtpd_tls_chain_files", "/etc/postfix/tls/a.pem, /etc/postfix/tls/b.pem", for: Self.submission)
            expected["smtpd_tls_chain_files"] = "/etc/postfix/tls/a.pem, /etc/postfix/tls/b.pem"
            try check("set new with spaces")
            try config.removeOption("milter_macro_daemon_name", for: Self.submission)
            expected["milter_macro_daemon_name"] = nil
            try check("remove")
            try config.enable(Self.submissions)
            try config.setOption("syslog_name", "postfix/maildrop", for: ServiceKey("maildrop", "unix"))
            try config.disable(ServiceKey("smtp", "inet"))
            try check("enable submissions, maildrop option, disable smtp")
            let (names, _) = try PostconfSandbox(masterCf: config.render()).serviceNames()
            #expect(names.contains("submissions/inet"))
            #expect(!names.contains("smtp/inet"))
            let (overrides, _) = try PostconfSandbox(masterCf: config.render()).serviceOverrides()
            #expect(overrides["maildrop/unix"] == ["syslog_name": "postfix/maildrop"])
        }
    }
}
