import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// Real mail stacks: only TLS and the chosen services' security change, and every
    /// change to what was already there is named.
    @Suite struct PlanPolicyTests {
        static let submission = ServiceKey("submission", "inet")
        static let all: [Answers.Service] = [.init(name: .smtp), .init(name: .submission), .init(name: .submissions)]

        private func plan(main: String = PostfixCorpus.debianMainCf, master: String = PostfixCorpus.debianMasterCf,
                          services: [Answers.Service] = all, smtpLevel: String = "may",
                          tableTypes: [String] = ["btree", "hash"]) throws -> ChangePlan {
            let fixture = try PlanFixture(mainCf: main, masterCf: master)
            return fixture.build(fixture.answers(services: services, smtpLevel: smtpLevel), tableTypes: tableTypes)
        }

        @Test func anExistingSubmissionKeepsItsClientPolicyAndNamesTheSecurityChanges() throws {
            let master = PostfixCorpus.debianMasterCf + """
            submission inet n - y - - smtpd
              -o smtpd_tls_security_level=may
              -o smtpd_client_restrictions=permit_mynetworks,permit_sasl_authenticated,reject

            """
            let plan = try plan(master: master, services: [.init(name: .submission)])
            #expect(!plan.hasErrors, "\(plan.findings)")
            let service = try #require(MasterConfig(parsing: try plan.masterCf()).service(Self.submission))
            #expect(service.option("smtpd_client_restrictions") == "permit_mynetworks,permit_sasl_authenticated,reject")
            #expect(service.option("smtpd_tls_security_level") == "encrypt")
            let changes = plan.findings(.serviceOptionChanged).map(\.message)
            #expect(changes.contains { $0.contains("smtpd_tls_security_level changes from \"may\" to \"encrypt\"") }, "\(changes)")
            #expect(changes.contains { $0.contains("-o smtpd_sasl_auth_enable=yes is added") }, "\(changes)")
            #expect(!changes.contains { $0.contains("smtpd_client_restrictions") })
        }

        @Test func aPolicyOptionChangeIsAWarningNamingOldAndNew() {
            var old = MasterConfig(parsing: "submission inet n - y - - smtpd\n  -o smtpd_helo_restrictions=reject_unknown_helo_hostname\n")
            let new = old
            try? old.setOption("smtpd_helo_restrictions", "permit", for: Self.submission)
            let findings = ChangeLedger(mainPath: "/m", masterPath: "/etc/postfix/master.cf", explained: [])
                .masterFindings(old: new, new: old, moves: [])
            #expect(findings.count == 1)
            #expect(findings.first?.severity == .warning)
            #expect(findings.first?.message.contains("from \"reject_unknown_helo_hostname\" to \"permit\"") == true, "\(findings)")
        }

        @Test func aChainFileRenamedIsExplainedAsPftlsOwnNameNotAsTheOtherLayout() {
            let ledger = ChangeLedger(mainPath: "/m", masterPath: "/etc/postfix/master.cf", explained: [])
            let old = MainConfig(parsing: "smtpd_tls_chain_files = /etc/ssl/mail.pem\n")
            let renamed = ledger.mainFindings(old: old, new: MainConfig(parsing: "smtpd_tls_chain_files = /etc/postfix/tls/smtpd-chain.pem\n"))
            #expect(renamed.first?.hint.contains("smtpd-chain.pem") == true && renamed.first?.hint.contains("separate-files") == false, "\(renamed)")
            let removed = ledger.mainFindings(old: old, new: MainConfig(parsing: "smtpd_tls_cert_file = /etc/postfix/tls/smtpd-cert.pem\n"))
            #expect(removed.contains { $0.message.contains("is removed") && $0.hint.contains("separate-files") }, "\(removed)")
        }

        @Test func loweringDaneIsAWarningWithBothLevels() throws {
            let main = PostfixCorpus.debianMainCf.replacingOccurrences(of: "smtp_tls_security_level=may", with: "smtp_tls_security_level = dane")
            let lowered = try plan(main: main)
            let finding = try #require(lowered.findings(.clientLevelLowered).first)
            #expect(finding.severity == .warning)
            #expect(finding.message.contains("from dane to may"))
            let kept = try plan(main: main, smtpLevel: "dane")
            #expect(kept.findings(.clientLevelLowered).isEmpty)
            let raised = try plan(smtpLevel: "verify")
            #expect(raised.findings(.clientLevelLowered).isEmpty, "may to verify raises the level")
        }

        @Test func legacyFilesCacheTypeAndDuplicatesAreNamed() throws {
            let main = PostfixCorpus.debianMainCf + """
            smtp_tls_session_cache_database = lmdb:${data_directory}/smtp_scache
            smtpd_tls_security_level = may

            """
            let plan = try plan(main: main, tableTypes: ["btree", "hash"])
            let messages = plan.findings.map(\.message)
            for name in ["smtpd_tls_cert_file", "smtpd_tls_key_file"] {
                #expect(plan.findings(.settingChanged).contains { $0.message.contains("\(name) = ") && $0.message.contains("is removed") }, "\(name): \(messages)")
            }
            let cache = try #require(plan.findings(.settingChanged).first { $0.message.contains("smtp_tls_session_cache_database") })
            #expect(cache.message.contains("lmdb:") && cache.message.contains("btree:"))
            #expect(cache.hint.contains("postconf -m"))
            #expect(plan.findings(.duplicateRemoved).contains { $0.message.contains("smtpd_tls_security_level was set 2 times") })
        }

        @Test func aServerCacheOfAnUnsupportedTableTypeIsRemovedWithAReason() throws {
            let main = PostfixCorpus.debianMainCf + "smtpd_tls_session_cache_database = lmdb:/dev/shm/postfix/smtpd_scache\n"
            let plan = try plan(main: main, tableTypes: ["btree", "hash"])
            #expect(MainConfig(parsing: try plan.mainCf()).value(of: "smtpd_tls_session_cache_database") == nil)
            let finding = try #require(plan.findings(.settingChanged).first { $0.message.contains("smtpd_tls_session_cache_database") })
            #expect(finding.hint.contains("454 4.3.0"))
            let supported = try self.plan(main: main, tableTypes: ["btree", "hash", "lmdb"])
            #expect(MainConfig(parsing: try supported.mainCf()).value(of: "smtpd_tls_session_cache_database") != nil, "a supported one stays")
        }

        @Test func everyChangedMainCfSettingIsNewOrNamed() throws {
            let main = PostfixCorpus.debianMainCf + "smtpd_use_tls = yes\nsmtp_tls_security_level = encrypt\nsmtpd_tls_CAfile = /etc/postfix/cacert-does-not-exist.pem\n"
            let plan = try plan(main: main)
            let old = Dictionary(MainConfig(parsing: main).parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            let new = Dictionary(MainConfig(parsing: try plan.mainCf()).parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            for (name, value) in old where new[name] != value {
                #expect(plan.findings.contains { $0.message.contains(name) }, "\(name) changed without a finding")
            }
        }

        @Test func postscreenMovesWithThePortAndSmtpdPassStays() throws {
            let master = PostfixCorpus.debianMasterCf
                .replacingOccurrences(of: "smtp      inet  n       -       y       -       -       smtpd\n", with: "")
                .replacingOccurrences(of: "#smtp      inet  n       -       y       -       1       postscreen", with: "smtp      inet  n       -       y       -       1       postscreen")
                .replacingOccurrences(of: "#smtpd     pass  -       -       y       -       -       smtpd", with: "smtpd     pass  -       -       y       -       -       smtpd\n  -o smtpd_helo_required=yes")
                .replacingOccurrences(of: "#dnsblog   unix", with: "dnsblog   unix")
                .replacingOccurrences(of: "#tlsproxy  unix", with: "tlsproxy  unix")
            let plan = try plan(master: master, services: [.init(name: .smtp, listen: "127.0.0.1:10025")])
            #expect(!plan.hasErrors, "\(plan.findings)")
            let planned = MasterConfig(parsing: try plan.masterCf())
            #expect(planned.service(ServiceKey("127.0.0.1:10025", "inet"))?.command == "postscreen")
            #expect(planned.service(ServiceKey("smtp", "inet")) == nil)
            #expect(planned.service(ServiceKey("smtpd", "pass"))?.option("smtpd_helo_required") == "yes")
            #expect(planned.services.filter { $0.service.type == "inet" && $0.service.command == "smtpd" }.isEmpty, "no listener bypasses postscreen")
            #expect(plan.findings(.serviceMoved).contains { $0.message.contains("postscreen") })
        }

        @Test func aNewEntryCopiesTheFilesChrootConvention() throws {
            let upstream = "smtp      inet  n       -       n       -       -       smtpd\npickup    unix  n       -       n       60      1       pickup\n"
            let plan = try plan(master: upstream, services: [.init(name: .submission)])
            let service = try #require(MasterConfig(parsing: try plan.masterCf()).service(Self.submission))
            #expect(service.chroot == "n")
            #expect(service.option("smtpd_client_restrictions") == "permit_sasl_authenticated,reject", "a new entry gets the guide's policy")
        }

        /// The upstream 2.10-3.4 template, with `$mua_*` references (Postfix 3.4.13's conf/master.cf).
        static let muaTemplate = """
        smtp      inet  n       -       n       -       -       smtpd
        #submission inet n       -       n       -       -       smtpd
        #  -o syslog_name=postfix/submission
        #  -o smtpd_tls_security_level=encrypt
        #  -o smtpd_sasl_auth_enable=yes
        #  -o smtpd_tls_auth_only=yes
        #  -o smtpd_reject_unlisted_recipient=no
        #  -o smtpd_client_restrictions=$mua_client_restrictions
        #  -o smtpd_helo_restrictions=$mua_helo_restrictions
        #  -o smtpd_sender_restrictions=$mua_sender_restrictions
        #  -o smtpd_recipient_restrictions=
        #  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
        #  -o milter_macro_daemon_name=ORIGINATING
        pickup    unix  n       -       n       60      1       pickup

        """

        @Test func aMuaTemplateLeavesNoDanglingReference() throws {
            let plan = try plan(master: Self.muaTemplate, services: [.init(name: .submission)])
            #expect(!plan.hasErrors, "\(plan.findings)")
            let service = try #require(MasterConfig(parsing: try plan.masterCf()).service(Self.submission))
            #expect(!service.options.contains { $0.value.contains("$mua_") }, "\(service.options)")
            #expect(service.option("smtpd_client_restrictions") == "permit_sasl_authenticated,reject")
            #expect(service.option("smtpd_relay_restrictions") == "permit_sasl_authenticated,reject", "defined lines are uncommented")
            #expect(plan.findings(.templateOptionLeftCommented).count == 3)
            if PostconfSandbox.isAvailable {
                let sandbox = PostconfSandbox(mainCf: try plan.mainCf(), masterCf: try plan.masterCf())
                #expect(try sandbox.serviceNames().errors.isEmpty)
                #expect(try sandbox.explicitSettings().errors.isEmpty)
            }
        }

        @Test func aDefinedMuaReferenceIsUncommented() throws {
            let main = PostfixCorpus.debianMainCf + "mua_helo_restrictions = permit_mynetworks, reject_non_fqdn_hostname\n"
            let plan = try plan(main: main, master: Self.muaTemplate, services: [.init(name: .submission)])
            let service = try #require(MasterConfig(parsing: try plan.masterCf()).service(Self.submission))
            #expect(service.option("smtpd_helo_restrictions") == "$mua_helo_restrictions")
            #expect(plan.findings(.templateOptionLeftCommented).count == 2)
        }

        @Test func aMissingCAfileIsRemovedWhenTheChainCarriesTheIntermediates() throws {
            let main = PostfixCorpus.debianMainCf + "smtpd_tls_CAfile = /nonexistent/pftls/cacert.pem\n"
            let plan = try plan(main: main)
            #expect(!plan.hasErrors, "\(plan.findings)")
            #expect(MainConfig(parsing: try plan.mainCf()).value(of: "smtpd_tls_CAfile") == nil)
            #expect(plan.findings(.tlsFileMissing).first?.severity == .warning)
        }

        @Test func otherMissingTLSFilesRefuseThePlan() throws {
            let main = PostfixCorpus.debianMainCf + "smtpd_tls_CApath = /nonexistent/pftls/certs\n"
            let refused = try plan(main: main)
            let finding = try #require(refused.findings(.tlsFileMissing).first)
            #expect(finding.severity == .error)
            #expect(finding.message.contains("/nonexistent/pftls/certs") && finding.message.contains("smtpd_tls_CApath"))
            #expect(finding.hint.contains("postconf -X smtpd_tls_CApath"))

            let master = PostfixCorpus.debianMasterCf + "submission inet n - y - - smtpd\n  -o smtpd_tls_chain_files=/nonexistent/pftls/sub.pem\n  -o smtpd_tls_CAfile=/nonexistent/pftls/ca.pem\n"
            let perService = try plan(master: master, services: [.init(name: .submission)])
            #expect(perService.findings(.tlsFileMissing).filter { $0.severity == .error }.count == 2, "\(perService.findings)")
        }

        @Test func aListenAddressOfAnotherProgramIsNotTakenOver() throws {
            let master = PostfixCorpus.debianMasterCf + "127.0.0.1:10025 inet n - n - - spawn\n  user=nobody argv=/bin/true\n"
            let plan = try plan(master: master, services: [.init(name: .smtp, listen: "127.0.0.1:10025")])
            let finding = try #require(plan.findings(.listenAddressInUse).first)
            #expect(finding.severity == .error && finding.message.contains("spawn"))
        }

        @Test(arguments: [
            ("ipv6", "0.0.0.0:465", true),
            ("ipv6", "[::1]:465", false),
            ("ipv4", "[::1]:465", true),
            ("ipv4", "192.0.2.25:465", false),
            ("all", "[::1]:465", false),
            ("ipv4, ipv6", "0.0.0.0:465", false),
            ("ipv6", "mail.example.test:465", false),
            ("IPv6", "0.0.0.0:465", true),
        ])
        func aListenAddressOfAVersionInetProtocolsTurnsOffIsRefused(protocols: String, listen: String, refused: Bool) throws {
            let plan = try plan(main: PostfixCorpus.debianMainCf + "inet_protocols = \(protocols)\n",
                                services: [.init(name: .submissions, listen: listen)])
            let findings = plan.findings(.listenFamilyOff)
            #expect(findings.count == (refused ? 1 : 0), "\(findings)")
            if let finding = findings.first {
                #expect(finding.severity == .error && finding.message.contains(listen) && finding.message.contains("inet_protocols = \(protocols)"))
                #expect(plan.hasErrors)
            }
        }

        @Test func smtpChosenWithTLSOffIsRefusedUnlessItsEntryTurnsTLSOn() throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf, masterCf: PostfixCorpus.debianMasterCf)
            let refused = fixture.build(fixture.answers(services: [.init(name: .smtp), .init(name: .submissions)], smtpdLevel: "none"))
            let finding = try #require(refused.findings(.tlsOffOnService).first, "\(refused.findings)")
            #expect(finding.severity == .error && finding.message.contains("smtp/inet") && finding.hint.contains("may"))
            #expect(refused.probes.map(\.service) == [.submissions], "no probe that can only fail: \(refused.probes)")

            let own = PostfixCorpus.debianMasterCf.replacingOccurrences(of: "smtp      inet  n       -       y       -       -       smtpd",
                with: "smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_tls_security_level=may")
            let overridden = try PlanFixture(mainCf: PostfixCorpus.debianMainCf, masterCf: own)
            let kept = overridden.build(overridden.answers(services: [.init(name: .smtp)], smtpdLevel: "none"))
            #expect(kept.findings(.tlsOffOnService).isEmpty && kept.probes.map(\.service) == [.smtp], "\(kept.findings)")
        }

        @Test func referencesAreFoundInEveryForm() {
            #expect(ParameterReferences.names(in: "$mua_client_restrictions") == ["mua_client_restrictions"])
            #expect(ParameterReferences.names(in: "${a}, $(b) ${c?x} ${d:y} $$e $f") == ["a", "b", "c", "d", "f"])
            #expect(ParameterReferences.names(in: "permit_sasl_authenticated,reject").isEmpty)
        }
    }
}
