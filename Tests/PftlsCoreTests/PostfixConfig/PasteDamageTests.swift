import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// Finding and repairing master.cf text pasted from the vendor's guide.
    @Suite struct PasteDamageTests {
        static let enDash: Unicode.Scalar = "\u{2013}"

        @Test func findsEveryDamageOfTheGuideText() {
            let config = MasterConfig(parsing: PostfixCorpus.guideDamagedMasterCf)
            let damage = config.pasteDamage
            #expect(damage.map(\.lineNumber) == [6, 7, 8, 9, 10, 11, 11, 12, 13, 14])
            #expect(damage[0].kind == .typographicDash(character: Self.enDash, places: ["unpriv field", "wakeup field", "maxproc field"]))
            #expect(damage[2].kind == .unindentedOption)
            #expect(damage.filter { $0.kind == .netForInet }.map(\.lineNumber) == [11])
            #expect(damage.allSatisfy { $0.isRepairable })
        }

        @Test func findingsNameFileLineAndRepair() {
            let findings = MasterConfig(parsing: PostfixCorpus.guideDamagedMasterCf).pasteDamageFindings(file: "/etc/postfix/master.cf")
            #expect(findings.count == 10)
            #expect(findings.allSatisfy { $0.code == .masterCfPasteDamage && $0.severity == .error && $0.file == "/etc/postfix/master.cf" })
            #expect(findings[0].message == "/etc/postfix/master.cf, line 6: the unpriv field, wakeup field and maxproc field hold \"\u{2013}\" (U+2013 EN DASH), not the ASCII hyphen \"-\" master.cf needs.")
            #expect(findings[0].hint.hasPrefix("Replace it with an ASCII hyphen \"-\"."))
            #expect(findings[2].message.hasPrefix("/etc/postfix/master.cf, line 8: this \"-o\" line starts at the beginning of the line"))
            #expect(findings[2].hint.hasPrefix("Indent it with spaces"))
            #expect(findings.contains { $0.message == "/etc/postfix/master.cf, line 11: the type field says \"net\"; master.cf knows no such type." && $0.hint.hasPrefix("Change the type to \"inet\".") })
        }

        @Test func repairFixesOnlyTheDamagedLines() {
            let repaired = MasterConfig(parsing: PostfixCorpus.guideDamagedMasterCf).repaired()
            #expect(repaired.pasteDamage.isEmpty)
            let rendered = repaired.render()
            #expect(rendered.hasPrefix(PostfixCorpus.guideRepairedHead))
            let damagedTail = ConfigLine.split(PostfixCorpus.guideDamagedMasterCf).dropFirst(14)
            #expect(Array(ConfigLine.split(rendered).dropFirst(14)) == Array(damagedTail))
            #expect(repaired.service(ServiceKey("0.0.0.0:465", "inet"))?.option("smtpd_tls_wrappermode") == "yes")
        }

        @Test func cleanFilesHaveNoDamage() {
            let config = MasterConfig(parsing: PostfixCorpus.debianMasterCf)
            #expect(config.pasteDamage.isEmpty)
            #expect(config.repaired() == config)
        }

        @Test func otherDashesAndDashedOptionFlags() {
            let config = MasterConfig(parsing: "smtp inet n \u{2014} y \u{2212} - smtpd\n  \u{2013}o syslog_name=x\n")
            #expect(config.pasteDamage.map(\.kind) == [
                .typographicDash(character: "\u{2014}", places: ["unpriv field"]),
                .typographicDash(character: "\u{2212}", places: ["wakeup field"]),
                .typographicDash(character: "\u{2013}", places: ["word \"\u{2013}o\""]),
            ])
            #expect(config.repaired().render() == "smtp inet n - y - - smtpd\n  -o syslog_name=x\n")
        }

        @Test func unindentedOptionAfterACommentIsReportedButNotMoved() {
            let contents = "smtp inet n - y - - smtpd\n# note\n-o syslog_name=x\n\u{2013}o a=b\n"
            let config = MasterConfig(parsing: contents)
            let damage = config.pasteDamage
            #expect(damage.map(\.lineNumber) == [3, 4, 4])
            #expect(damage.map(\.isRepairable) == [false, true, true])
            #expect(config.pasteDamageFindings(file: "master.cf")[0].hint == "Indent it with spaces and move it directly under the service it belongs to.")
            #expect(config.repaired().render() == "smtp inet n - y - - smtpd\n# note\n-o syslog_name=x\n  -o a=b\n")
        }

        /// Postfix rejects the pasted text and accepts the repaired one without a warning.
        @Test(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed"))
        func postconfAcceptsTheRepairedFile() throws {
            let damaged = PostconfSandbox(masterCf: PostfixCorpus.guideDamagedMasterCf)
            #expect(try damaged.postconf("-M").status != 0)

            let repaired = PostconfSandbox(masterCf: MasterConfig(parsing: PostfixCorpus.guideDamagedMasterCf).repaired().render())
            let (names, errors) = try repaired.serviceNames()
            #expect(errors.isEmpty)
            #expect(names.prefix(3) == ["0.0.0.0:smtp/inet", "0.0.0.0:submission/inet", "0.0.0.0:smtps/inet"])
            let (overrides, overrideErrors) = try repaired.serviceOverrides()
            #expect(overrideErrors.isEmpty)
            #expect(overrides["0.0.0.0:smtps/inet"] == [
                "smtpd_tls_wrappermode": "yes",
                "smtpd_sasl_auth_enable": "yes",
                "smtpd_client_restrictions": "permit_sasl_authenticated,reject",
            ])
        }
    }
}
