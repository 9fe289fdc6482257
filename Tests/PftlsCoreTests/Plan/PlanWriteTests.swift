import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PlanTests {
    /// Applying a plan's files, then planning again, changes nothing; the diffs are real
    /// unified diffs and never show key material.
    @Suite struct PlanWriteTests {
        static let services: [Answers.Service] = [.init(name: .smtp), .init(name: .submission, listen: "127.0.0.1:10587"), .init(name: .submissions)]

        @Test(arguments: [Answers.Layout.chainFile, .separateFiles])
        func planningAgainAfterWritingIsANoOp(layout: Answers.Layout) throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + "smtpd_use_tls=yes\n", createCertificateDirectory: false)
            let answers = fixture.answers(services: Self.services, layout: layout, smtpdCAfile: true)
            let first = fixture.build(answers)
            #expect(!first.hasErrors, "\(first.findings)")
            #expect(!first.isNoOp)
            #expect(first.changedFiles.count == first.files.count)
            try fixture.write(first)

            let second = fixture.build(answers)
            #expect(!second.hasErrors, "\(second.findings)")
            #expect(second.isNoOp, "still changing: \(second.changedFiles.map(\.path))")
            #expect(second.steps.isEmpty)
            #expect(second.files.allSatisfy { $0.diff.isEmpty && $0.exists })
            #expect(second.findings(.obsoleteSetting).isEmpty)
            #expect(second.findings(.directoryCreated).isEmpty)
            #expect(second.probes == first.probes)
        }

        @Test func writtenFilesHaveTheirModes() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers(layout: .separateFiles))
            try fixture.write(plan)
            for file in plan.files {
                var info = stat()
                try #require(stat(file.path, &info) == 0)
                #expect(info.st_mode & 0o7777 == file.mode, "\(file.path)")
                #expect(fixture.root.read(String(file.path.dropFirst(fixture.root.path.count + 1))) == file.bytes)
            }
        }

        @Test func aChangedModeIsAChange() throws {
            let fixture = try PlanFixture()
            let answers = fixture.answers()
            try fixture.write(fixture.build(answers))
            let chain = fixture.certificateDirectory + "/smtpd-chain.pem"
            try #require(chmod(chain, 0o644) == 0)
            let plan = fixture.build(answers)
            #expect(plan.changedFiles.map(\.path) == [chain])
        }

        @Test(arguments: ["main.cf", "master.cf"])
        func configDiffsApplyWithPatch(name: String) throws {
            let fixture = try PlanFixture(mainCf: PostfixCorpus.debianMainCf + "smtp_enforce_tls = no\n")
            let plan = fixture.build(fixture.answers(services: Self.services))
            let file = try plan.file(at: fixture.configDirectory + "/" + name)
            #expect(file.diff.hasPrefix("--- \(file.path)\n+++ \(file.path) (new)\n@@ "))
            let scratch = FixtureDirectory()
            let old = scratch.write("old", fixture.root.read("postfix/" + name))
            let diff = scratch.write("change.diff", file.diff)
            let result = try #require(try SystemProcessRunner().run("patch", ["--quiet", "--force", "-o", scratch.file("patched"), old, diff]))
            #expect(result.status == 0, "\(result.output) \(result.errorOutput)")
            #expect(scratch.read("patched") == file.bytes)
        }

        @Test(arguments: [Answers.Layout.chainFile, .separateFiles])
        func keyFileDiffsShowNoKeyMaterial(layout: Answers.Layout) throws {
            let fixture = try PlanFixture()
            let answers = fixture.answers(layout: layout)
            let fresh = fixture.build(answers)
            // Replace the installed key with another, so the existing file's diff is shown too.
            try fixture.write(fresh)
            let oldKeyPath = fresh.files.first(where: \.isSecret)!.path
            let otherKey = TestPKI.pem(try KeyGenerator.generate(.ec(curve: "P-256")))
            fixture.root.write(String(oldKeyPath.dropFirst(fixture.root.path.count + 1)), otherKey)
            // With separate files the renewal goes to the other slot: give it an old key too.
            let alternateKeyPath = oldKeyPath.replacingOccurrences(of: "smtpd-key.pem", with: "smtpd-key-b.pem")
            fixture.root.write(String(alternateKeyPath.dropFirst(fixture.root.path.count + 1)), otherKey)
            let replaced = fixture.build(answers)

            let keyLines = Self.base64Lines(fixture.keyPEM) + Self.base64Lines(otherKey)
            #expect(keyLines.count > 2)
            for plan in [fresh, replaced] {
                let secret = try #require(plan.files.first { $0.isSecret })
                #expect(!secret.diff.isEmpty)
                #expect(!secret.diff.contains("PRIVATE KEY"))
                for line in keyLines { #expect(!secret.diff.contains(line), "key material in the diff") }
                #expect(secret.diff.contains("(not shown)"))
            }
            let replacedKey = try #require(replaced.changedFiles.first { $0.isSecret })
            #expect(replacedKey.diff.contains("current content not shown"))
        }

        /// The base64 body lines of a PEM text.
        static func base64Lines(_ pem: String) -> [String] {
            pem.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 16 }
        }
    }
}
