import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// A master.cf damaged by pasting the vendor guide is reported and repaired in the plan.
    @Suite struct PlanPasteDamageTests {
        static let services: [Answers.Service] = [.init(name: .smtp), .init(name: .submission), .init(name: .submissions)]

        static func plan() throws -> (PlanFixture, ChangePlan) {
            let fixture = try PlanFixture(masterCf: PostfixCorpus.guideDamagedMasterCf)
            return (fixture, fixture.build(fixture.answers(services: services)))
        }

        @Test func damageIsReportedAsWarnings() throws {
            let (fixture, plan) = try Self.plan()
            let damage = plan.findings(.masterCfPasteDamage)
            #expect(!damage.isEmpty)
            #expect(damage.allSatisfy { $0.severity == .warning && $0.message.hasSuffix("Repaired in this plan.") })
            #expect(damage.allSatisfy { $0.file == fixture.configDirectory + "/master.cf" })
            #expect(!plan.hasErrors, "\(plan.findings)")
        }

        @Test func thePlannedFileIsRepaired() throws {
            let (_, plan) = try Self.plan()
            let text = try plan.masterCf()
            #expect(!text.contains("–"), "en dashes left")
            #expect(!text.contains(" net "), "net for inet left")
            #expect(!ConfigLines.of(text).contains { $0.hasPrefix("-o") }, "unindented -o left")
            #expect(MasterConfig(parsing: text).pasteDamage.isEmpty)
            // Everything after the pasted block is Debian's text, unchanged.
            let tail = PostfixCorpus.guideDamagedMasterCf.components(separatedBy: "pickup    unix")[1]
            #expect(text.hasSuffix(tail))
        }

        @Test func theRepairedServicesCarryTheRequiredOptions() throws {
            let (_, plan) = try Self.plan()
            let master = MasterConfig(parsing: try plan.masterCf())
            for choice in Self.services {
                let standard = ServiceKey(ServiceNaming(version: PlanFixture.version37, servicesFile: nil).defaultName(choice.name), "inet")
                let entries = master.services.filter { $0.service.type == "inet" && ServiceKey($0.service.key.service, "inet") == standard }
                #expect(entries.count == 1, "\(choice.name): \(entries.map(\.service.name))")
                let service = try #require(entries.first?.service)
                for (name, value) in MasterConfigPlanner.requiredOptions(choice.name) { #expect(service.option(name) == value, "\(choice.name) \(name)") }
            }
        }

        @Test(.enabled(if: PostconfSandbox.isAvailable))
        func postconfAcceptsTheRepairedFile() throws {
            let (_, plan) = try Self.plan()
            let sandbox = try plan.sandbox()
            let (services, errors) = try sandbox.serviceNames()
            #expect(errors.isEmpty, "postconf -M warned: \(errors)")
            #expect(!services.contains { $0.hasPrefix("-o") })
            let (_, overrideErrors) = try sandbox.serviceOverrides()
            #expect(overrideErrors.isEmpty, "postconf -P warned: \(overrideErrors)")
        }

        @Test(.enabled(if: PostconfSandbox.isAvailable))
        func postconfRejectsTheDamagedFile() throws {
            // The premise: Postfix itself complains about the pasted text.
            let sandbox = PostconfSandbox(mainCf: PostfixCorpus.debianMainCf, masterCf: PostfixCorpus.guideDamagedMasterCf)
            let (_, errors) = try sandbox.serviceNames()
            #expect(!errors.isEmpty)
        }
    }
}
