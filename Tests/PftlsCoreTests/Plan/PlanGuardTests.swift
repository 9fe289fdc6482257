import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PlanTests {
    /// Choices that would break mail delivery or logins are refused or warned about.
    @Suite struct PlanGuardTests {
        @Test func encryptOnPort25IsRefused() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(services: [.init(name: .smtp), .init(name: .submission)], smtpdLevel: "encrypt"))
            let finding = try #require(plan.findings(.encryptOnPort25).first)
            #expect(finding.severity == .error)
            #expect(plan.hasErrors)
            #expect(plan.files.isEmpty)
        }

        @Test func encryptOnPort25IsAllowedOnADedicatedNonMX() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(smtpdLevel: "encrypt", dedicatedNonMX: true))
            #expect(plan.findings(.encryptOnPort25).isEmpty)
            #expect(!plan.hasErrors, "\(plan.findings)")
            #expect(MainConfig(parsing: try plan.mainCf()).value(of: "smtpd_tls_security_level") == "encrypt")
        }

        @Test func encryptWithoutPort25IsAllowed() throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + Self.dovecot("private/auth"))
            let plan = fixture.build(fixture.answers(services: [.init(name: .submissions)], smtpdLevel: "encrypt"))
            #expect(plan.findings(.encryptOnPort25).isEmpty)
        }

        /// main.cf lines pointing SASL at a Dovecot socket.
        static func dovecot(_ path: String) -> String {
            "smtpd_sasl_type = dovecot\nsmtpd_sasl_path = \(path)\n"
        }

        @Test(arguments: [Answers.ServiceName.submission, .submissions])
        func saslServicesWithoutABackEndWarn(service: Answers.ServiceName) throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + Self.dovecot("/nonexistent/pftls/auth"))
            let plan = fixture.build(fixture.answers(services: [.init(name: service)]))
            let finding = try #require(plan.findings(.saslSocketMissing).first)
            #expect(finding.severity == .warning)
            #expect(finding.message.contains("/nonexistent/pftls/auth"))
            #expect(finding.message.contains("no SASL authentication mechanisms"), "says what Postfix will do")
            #expect(!plan.hasErrors, "a warning does not block the plan")
            #expect(!plan.files.isEmpty)
        }

        @Test(.enabled(if: !["/var/run/saslauthd/mux", "/run/saslauthd/mux"].contains(where: SystemConfigFile.exists)))
        func defaultCyrusWithoutSaslauthdWarns() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(services: [.init(name: .submission)]))
            #expect(plan.findings(.saslNotConfigured).count == 1)
        }

        @Test func aDovecotSocketSatisfiesTheCheck() throws {
            let scratch = FixtureDirectory()
            let socket = scratch.write("auth", "")
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + Self.dovecot(socket))
            let plan = fixture.build(fixture.answers(services: [.init(name: .submission), .init(name: .submissions)]))
            #expect(plan.findings(.saslNotConfigured).isEmpty && plan.findings(.saslSocketMissing).isEmpty, "\(plan.findings)")
        }

        @Test func aRelativeDovecotPathIsUnderTheQueueDirectory() throws {
            let queue = FixtureDirectory()
            try PlanFixture.makeDirectory(queue.file("private"))
            queue.write("private/auth", "")
            let main = PostfixCorpus.debianMainCf + Self.dovecot("private/auth") + "queue_directory = \(queue.path)\n"
            let fixture = try PlanFixture(mainCf: main)
            #expect(fixture.build(fixture.answers(services: [.init(name: .submission)])).findings(.saslNotConfigured).isEmpty)
        }

        @Test func smtpAloneNeedsNoSASL() throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + Self.dovecot("/nonexistent/pftls/auth"))
            #expect(fixture.build(fixture.answers()).findings(.saslSocketMissing).isEmpty)
        }

        @Test func smtpNeedsTheBackEndWhenMainCfSwitchesSASLOnEverywhere() throws {
            let main = PostfixCorpus.debianMainCf + Self.dovecot("/nonexistent/pftls/auth") + "smtpd_sasl_auth_enable = yes\n"
            let fixture = try PlanFixture(mainCf: main)
            #expect(fixture.build(fixture.answers()).findings(.saslSocketMissing).count == 1)
        }

        @Test func keyCertificateMismatchStopsThePlan() throws {
            let fixture = try PlanFixture()
            let otherKey = fixture.root.write("other-key.pem", TestPKI.pem(try KeyGenerator.generate(.ec(curve: "P-256"))))
            let plan = fixture.build(fixture.answers(privateKey: otherKey))
            #expect(plan.findings.codes.contains(.keyCertMismatch))
            #expect(plan.hasErrors)
            #expect(plan.files.isEmpty)
            #expect(plan.probes.isEmpty)
        }

        @Test func unreadableConfigurationStopsThePlan() throws {
            let fixture = try PlanFixture()
            unlink(fixture.configDirectory + "/master.cf")
            let plan = fixture.build(fixture.answers())
            #expect(plan.findings.codes.contains(.unreadable))
            #expect(plan.files.isEmpty)
        }
    }
}
