import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// master.cf: services are enabled in place, with the overrides each one needs.
    @Suite struct PlanMasterConfigTests {
        static let submission = ServiceKey("submission", "inet")
        static let submissions = ServiceKey("submissions", "inet")

        /// The planned master.cf for `services` on Debian's stock files.
        static func plannedMaster(_ services: [Answers.Service], master: String = PostfixCorpus.debianMasterCf) throws -> (ChangePlan, MasterConfig) {
            let fixture = try PlanFixture(masterCf: master)
            let plan = fixture.build(fixture.answers(services: services))
            #expect(!plan.hasErrors, "\(plan.findings)")
            return (plan, MasterConfig(parsing: try plan.masterCf()))
        }

        /// The active entries for `key`.
        static func active(_ key: ServiceKey, in master: MasterConfig) -> [MasterService] {
            master.services.map(\.service).filter { $0.key == key }
        }

        @Test func submissionEnablesDebiansTemplateInPlace() throws {
            let (plan, master) = try Self.plannedMaster([.init(name: .submission)])
            let text = try plan.masterCf()
            #expect(Self.active(Self.submission, in: master).count == 1, "exactly one submission entry")
            #expect(!master.commentedServices.contains(Self.submission), "the #submission template is gone")
            #expect(master.commentedServices.contains(ServiceKey("127.0.0.1:submission", "inet")), "the loopback variant stays commented")
            let lines = ConfigLines.of(text)
            let head = try #require(lines.firstIndex(of: "submission inet n       -       y       -       -       smtpd"))
            // Where Debian put it: right after the loopback variant.
            #expect(lines[head - 1] == "#127.0.0.1:submission inet n -   y       -       -       smtpd")
            #expect(lines[head + 1] == "  -o syslog_name=postfix/submission")
            #expect(text.components(separatedBy: "submission inet").count == 3, "no second copy appended")
            let service = try #require(master.service(Self.submission))
            for (name, value) in MasterConfigPlanner.requiredOptions(.submission) {
                #expect(service.option(name) == value, "\(name)")
            }
            #expect(service.option("syslog_name") == "postfix/submission")
            #expect(service.options.filter { $0.name == "smtpd_client_restrictions" }.count == 1)
        }

        @Test(.enabled(if: PostconfSandbox.isAvailable))
        func postconfSeesTheSubmissionOverrides() throws {
            let (plan, _) = try Self.plannedMaster([.init(name: .smtp), .init(name: .submission), .init(name: .submissions)])
            let (overrides, errors) = try plan.sandbox().serviceOverrides()
            #expect(errors.isEmpty, "postconf -P warned: \(errors)")
            let submission = try #require(overrides["submission/inet"])
            #expect(submission["smtpd_tls_security_level"] == "encrypt")
            #expect(submission["smtpd_sasl_auth_enable"] == "yes")
            #expect(submission["smtpd_tls_auth_only"] == "yes")
            #expect(submission["smtpd_client_restrictions"] == "permit_sasl_authenticated,reject")
            #expect(submission["syslog_name"] == "postfix/submission")
            let submissions = try #require(overrides["submissions/inet"])
            #expect(submissions["smtpd_tls_wrappermode"] == "yes")
            #expect(submissions["smtpd_sasl_auth_enable"] == "yes")
            #expect(submissions["smtpd_client_restrictions"] == "permit_sasl_authenticated,reject")
            #expect(overrides["smtp/inet"] == nil, "port 25 gets no overrides")
        }

        @Test func submissionsGetsWrapperMode() throws {
            let (plan, master) = try Self.plannedMaster([.init(name: .submissions)])
            #expect(Self.active(Self.submissions, in: master).count == 1)
            let service = try #require(master.service(Self.submissions))
            #expect(service.name == "submissions")
            for (name, value) in MasterConfigPlanner.requiredOptions(.submissions) { #expect(service.option(name) == value, "\(name)") }
            #expect(service.option("syslog_name") == "postfix/submissions")
            #expect(plan.probes == [ProbeTarget(service: .submissions, host: "127.0.0.1", port: 465, mode: .implicit)])
        }

        @Test func listenAddressRenamesTheEntry() throws {
            let (plan, master) = try Self.plannedMaster([.init(name: .submission, listen: "127.0.0.1:10587")])
            let key = ServiceKey("127.0.0.1:10587", "inet")
            let service = try #require(master.service(key))
            #expect(Self.active(Self.submission, in: master).isEmpty, "no wildcard submission listener")
            #expect(master.services.filter { $0.service.command == "smtpd" && $0.service.type == "inet" }.count == 2, "smtp + the new one")
            for (name, value) in MasterConfigPlanner.requiredOptions(.submission) { #expect(service.option(name) == value, "\(name)") }
            #expect(service.option("syslog_name") == "postfix/submission", "the template's options came along")
            #expect(!master.commentedServices.contains(Self.submission), "the template was used, not copied")
            #expect(plan.probes == [ProbeTarget(service: .submission, host: "127.0.0.1", port: 10587, mode: .startTLS)])
        }

        @Test func listenAddressMovesAnActiveEntry() throws {
            let master = PostfixCorpus.debianMasterCf.replacingOccurrences(
                of: "smtp      inet  n       -       y       -       -       smtpd",
                with: "smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_helo_required=yes")
            let (_, planned) = try Self.plannedMaster([.init(name: .smtp, listen: "192.0.2.10:25")], master: master)
            let moved = try #require(planned.service(ServiceKey("192.0.2.10:25", "inet")))
            #expect(moved.option("smtpd_helo_required") == "yes", "the entry's own options are kept")
            #expect(planned.service(ServiceKey("smtp", "inet")) == nil, "not listening on every address any more")
        }

        @Test func withoutAListenAddressAnEntryBoundToOneAddressStaysThere() throws {
            let master = PostfixCorpus.debianMasterCf + "[2001:db8::25]:submission inet n - y - - smtpd\n  -o smtpd_helo_required=yes\n"
            let (plan, planned) = try Self.plannedMaster([.init(name: .submission)], master: master)
            let kept = try #require(planned.service(ServiceKey("[2001:db8::25]:submission", "inet")))
            #expect(Self.active(Self.submission, in: planned).isEmpty, "not moved to every address, nor a second listener there")
            #expect(kept.option("smtpd_helo_required") == "yes")
            for (name, value) in MasterConfigPlanner.securityOptions(.submission) { #expect(kept.option(name) == value, "\(name)") }
            #expect(plan.findings(.serviceMoved).isEmpty, "\(plan.findings)")
            #expect(plan.findings(.serviceAddressKept).first?.message.contains("[2001:db8::25]:submission/inet") == true, "said: \(plan.findings)")
            #expect(plan.probes == [ProbeTarget(service: .submission, host: "2001:db8::25", port: 587, mode: .startTLS)], "probed where it listens")
        }

        @Test func withoutAListenAddressEveryAddressOfThePortIsSetUpAndProbed() throws {
            let master = PostfixCorpus.debianMasterCf + "192.0.2.1:submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=may\n"
                + "[2001:db8::1]:submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=may\n"
            let (plan, planned) = try Self.plannedMaster([.init(name: .submission)], master: master)
            for name in ["192.0.2.1:submission", "[2001:db8::1]:submission"] {
                let entry = try #require(planned.service(ServiceKey(name, "inet")))
                for (option, value) in MasterConfigPlanner.securityOptions(.submission) { #expect(entry.option(option) == value, "\(name) \(option)") }
            }
            #expect(Set(plan.probes.map(\.host)) == ["192.0.2.1", "2001:db8::1"], "\(plan.probes)")
        }

        @Test func anExistingSmtpEntryIsReusedUntouched() throws {
            let stock = PostfixCorpus.debianMasterCf
            let (plan, master) = try Self.plannedMaster([.init(name: .smtp)])
            #expect(try plan.masterCf() == stock, "master.cf needs no change for port 25")
            #expect(try plan.file(at: plan.configDirectory + "/master.cf").changes == false)
            #expect(Self.active(ServiceKey("smtp", "inet"), in: master).count == 1)
            #expect(plan.probes == [ProbeTarget(service: .smtp, host: "127.0.0.1", port: 25, mode: .startTLS)])
        }

        @Test func aMissingSmtpEntryIsAdded() throws {
            let stock = PostfixCorpus.debianMasterCf.replacingOccurrences(
                of: "smtp      inet  n       -       y       -       -       smtpd\n", with: "")
            let (_, master) = try Self.plannedMaster([.init(name: .smtp)], master: stock)
            let smtp = Self.active(ServiceKey("smtp", "inet"), in: master)
            #expect(smtp.count == 1)
            #expect(smtp.first?.command == "smtpd", "not the commented postscreen line")
            #expect(master.commentedServices.contains(ServiceKey("smtp", "inet")), "postscreen stays commented out")
        }

        @Test(arguments: ["smtps", "465", "submissions", "0.0.0.0:smtps"])
        func port465IsOneServiceWhateverItsName(existing: String) throws {
            let stock = PostfixCorpus.debianMasterCf + "\(existing) inet n - y - - smtpd\n  -o smtpd_tls_wrappermode=yes\n"
            let (_, master) = try Self.plannedMaster([.init(name: .submissions)], master: stock)
            let ports465 = master.services.filter { $0.service.type == "inet" && ServiceKey($0.service.key.service, "inet") == Self.submissions }
            #expect(ports465.count == 1, "\(ports465.map(\.service.name))")
            let service = try #require(ports465.first?.service)
            #expect(service.option("smtpd_client_restrictions") == nil, "an existing entry keeps its policy")
            for (name, value) in MasterConfigPlanner.securityOptions(.submissions) { #expect(service.option(name) == value, "\(name)") }
            #expect(service.options.filter { $0.name == "smtpd_tls_wrappermode" }.count == 1)
            #expect(master.commentedServices.contains(ServiceKey("submissions", "inet")), "the template is left alone")
        }

        @Test func oldPostfixUsesTheServicesFileName() {
            let etcServices = "smtp 25/tcp mail\nsubmissions 465/tcp ssmtp smtps # RFC 8314\nsubmission 587/tcp\n"
            #expect(ServiceNaming(version: PostfixVersion(3, 5), servicesFile: etcServices).submissionsName == "submissions")
            #expect(ServiceNaming(version: PostfixVersion(3, 5), servicesFile: "urd 465/tcp smtps\n").submissionsName == "smtps")
            #expect(ServiceNaming(version: PostfixVersion(3, 5), servicesFile: "urd 465/tcp\n").submissionsName == "465")
            #expect(ServiceNaming(version: PostfixVersion(3, 5), servicesFile: "# smtps 465/tcp\n").submissionsName == "465")
            #expect(ServiceNaming(version: PostfixVersion(3, 6), servicesFile: nil).submissionsName == "submissions")
        }
    }
}
