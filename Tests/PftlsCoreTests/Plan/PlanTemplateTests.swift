import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PlanTests {
    /// Every master.cf that upstream, Debian, Ubuntu, Red Hat and Alpine shipped with
    /// commented submission/smtps templates (Tests/PftlsCLITests/Corpus/templates, each
    /// with a SOURCE note): the plan that uncomments them passes its own staging, with no
    /// warning the stock file did not already cause.
    @Suite(.enabled(if: PostconfSandbox.isAvailable, "postconf is not installed")) struct PlanTemplateTests {
        static var templateDirectory: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("PftlsCLITests/Corpus/templates").path
        }

        static var templates: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: templateDirectory)) ?? [])
                .filter { $0.hasSuffix(".master.cf") }.sorted()
        }

        /// What postconf complains about for a main.cf/master.cf pair, without lines and paths.
        private func complaints(main: String, master: String) -> Set<String> {
            let sandbox = PostconfSandbox(mainCf: main, masterCf: master)
            let found = ConfigBaseline.postconfComplaints(of: sandbox.directory.path, reportedAs: "/CONFIG", processes: SystemProcessRunner()) ?? []
            return Set(found.map(\.identity))
        }

        @Test(arguments: templates)
        func uncommentingTheTemplatePassesStaging(template: String) throws {
            let master = try String(contentsOfFile: Self.templateDirectory + "/" + template, encoding: .utf8)
            let fixture = try PlanFixture(masterCf: master)
            let installation = PostfixInstallation(configDirectory: fixture.configDirectory, version: PlanFixture.version37,
                                                   tableTypes: ["btree", "hash"], defaults: .load(using: SystemProcessRunner()), isRunning: false)
            let services: [Answers.Service] = [.init(name: .smtp), .init(name: .submission), .init(name: .submissions)]
            let plan = PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: .testing(trusting: [fixture.pki.root.certificate]),
                                   servicesFile: nil).build(fixture.answers(services: services), passphrases: nil, hostname: PlanFixture.hostname)
            #expect(!plan.hasErrors, "\(template): \(plan.findings.filter { $0.severity == .error })")
            let planned = MasterConfig(parsing: try plan.masterCf())
            for service in [ServiceKey("submission", "inet"), ServiceKey("submissions", "inet")] {
                let entry = try #require(planned.service(service), "\(template): no \(service)")
                #expect(!entry.options.contains { $0.value.contains("$mua_") }, "\(template): \(entry.options)")
            }
            let before = complaints(main: PostfixCorpus.debianMainCf, master: master)
            let after = complaints(main: try plan.mainCf(), master: try plan.masterCf())
            #expect(after.subtracting(before).isEmpty, "\(template): new warnings \(after.subtracting(before))")
        }

        @Test func theTemplatesCoverEveryEra() {
            #expect(Self.templates.count >= 4)
            for template in Self.templates {
                let source = Self.templateDirectory + "/" + template.replacingOccurrences(of: ".master.cf", with: ".SOURCE")
                #expect(FileManager.default.fileExists(atPath: source), "\(template) has no SOURCE note")
            }
        }
    }
}
