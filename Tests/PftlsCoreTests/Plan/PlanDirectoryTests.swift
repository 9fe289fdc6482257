import Foundation
import Testing
@testable import PftlsCore

extension PlanTests {
    /// The certificate directory must be one only root can change.
    @Suite struct PlanDirectoryTests {
        /// Builds a plan and expects it refused with `unsafe-directory`.
        private func expectUnsafe(_ fixture: PlanFixture, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let plan = fixture.build(fixture.answers())
            let unsafe = plan.findings(.unsafeDirectory)
            #expect(unsafe.contains { $0.severity == .error && $0.message.contains(text) }, "\(plan.findings)", sourceLocation: sourceLocation)
            #expect(plan.hasErrors, sourceLocation: sourceLocation)
            #expect(plan.files.isEmpty, sourceLocation: sourceLocation)
        }

        @Test func worldWritableWithoutStickyIsUnsafe() throws {
            let fixture = try PlanFixture()
            try #require(chmod(fixture.certificateDirectory, 0o777) == 0)
            expectUnsafe(fixture, mentioning: "writable by everyone")
        }

        @Test func groupWritableIsUnsafe() throws {
            let fixture = try PlanFixture()
            try #require(chmod(fixture.certificateDirectory, 0o775) == 0)
            expectUnsafe(fixture, mentioning: "writable by its group")
        }

        @Test func ownedByAnotherUserIsUnsafe() throws {
            let fixture = try PlanFixture()
            try #require(chown(fixture.certificateDirectory, 65534, 65534) == 0)
            expectUnsafe(fixture, mentioning: "owned by uid 65534")
        }

        @Test func aParentWritableByOthersWithoutStickyIsUnsafe() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            try #require(chmod(fixture.root.path, 0o777) == 0)
            try PlanFixture.makeDirectory(fixture.certificateDirectory)
            expectUnsafe(fixture, mentioning: "lies under \(LocalFileSystem().resolvedPath(fixture.root.path) ?? fixture.root.path),")
        }

        @Test func aStickyWorldWritableParentIsSafe() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            try #require(chmod(fixture.root.path, 0o1777) == 0)
            try PlanFixture.makeDirectory(fixture.certificateDirectory)
            let plan = fixture.build(fixture.answers())
            #expect(plan.findings(.unsafeDirectory).isEmpty, "\(plan.findings)")
        }

        @Test func aFileInsteadOfADirectoryIsUnsafe() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            fixture.root.write("tls", "not a directory")
            expectUnsafe(fixture, mentioning: "is not a directory")
        }

        @Test func aMissingDirectoryIsCreated() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            let plan = fixture.build(fixture.answers())
            let finding = try #require(plan.findings(.directoryCreated).first)
            #expect(finding.severity == .info)
            #expect(plan.directoryToCreate == fixture.certificateDirectory)
            #expect(!plan.hasErrors)
            #expect(!plan.files.isEmpty)
            #expect(plan.steps.first?.hasPrefix("create directory \(fixture.certificateDirectory)") == true)
            #expect(access(fixture.certificateDirectory, F_OK) != 0, "building a plan creates nothing")
        }

        @Test func anExistingSafeDirectoryIsNotCreated() throws {
            let fixture = try PlanFixture()
            let plan = fixture.build(fixture.answers())
            #expect(plan.directoryToCreate == nil)
            #expect(plan.findings(.directoryCreated).isEmpty)
            #expect(plan.findings(.unsafeDirectory).isEmpty)
        }
    }
}
