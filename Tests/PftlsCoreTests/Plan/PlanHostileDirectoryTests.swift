import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PlanTests {
    /// Directories an ordinary user could influence, and paths Postfix would split or expand.
    @Suite struct PlanHostileDirectoryTests {
        private func unsafe(_ fixture: PlanFixture, directory: String) -> [Finding] {
            var answers = fixture.answers()
            answers.certificateDirectory = directory
            let plan = fixture.build(answers)
            #expect(plan.files.isEmpty, "refused plans write nothing")
            return plan.findings(.unsafeDirectory).filter { $0.severity == .error }
        }

        @Test func aSymlinkOwnedByAnOrdinaryUserIsRefused() throws {
            let fixture = try PlanFixture()
            let link = fixture.root.file("link")
            try #require(symlink(fixture.certificateDirectory, link) == 0)
            try #require(lchown(link, 65534, 65534) == 0)
            let findings = unsafe(fixture, directory: link)
            #expect(findings.contains { $0.message.contains("symbolic link owned by uid 65534") }, "\(findings)")
        }

        /// A root-owned link to a safe directory is refused when the plan is made, with the
        /// real path to give instead: the write goes through the directory, never a link.
        @Test func aRootOwnedSymlinkToASafeDirectoryIsRefusedAtPlanTimeWithItsTarget() throws {
            let fixture = try PlanFixture()
            let link = fixture.root.file("root-link")
            try #require(symlink(fixture.certificateDirectory, link) == 0)
            let findings = unsafe(fixture, directory: link)
            let real = try #require(realpath(fixture.certificateDirectory, nil).map { String(cString: $0) })
            #expect(findings.count == 1 && findings[0].message.contains("symbolic link") && findings[0].hint.contains(real), "\(findings)")
        }

        @Test func aParentOwnedByAnOrdinaryUserIsRefused() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            let parent = fixture.root.file("user-owned")
            try PlanFixture.makeDirectory(parent)
            try PlanFixture.makeDirectory(parent + "/tls")
            try #require(chown(parent, 65534, 65534) == 0)
            let findings = unsafe(fixture, directory: parent + "/tls")
            #expect(findings.contains { $0.message.contains("belongs to uid 65534") }, "\(findings)")
        }

        @Test func aGroupWritableParentIsRefused() throws {
            let fixture = try PlanFixture(createCertificateDirectory: false)
            let parent = fixture.root.file("group")
            try PlanFixture.makeDirectory(parent, mode: 0o775)
            try PlanFixture.makeDirectory(parent + "/tls")
            let findings = unsafe(fixture, directory: parent + "/tls")
            #expect(findings.contains { $0.message.contains("its group may write") }, "\(findings)")
        }

        @Test(arguments: ["/etc/postfix/my tls", "/etc/postfix/a,b", "/etc/postfix/$tls", "/etc/postfix/\u{1B}[31mtls", "/etc/postfix/t\u{202E}ls"])
        func pathsPostfixWouldSplitOrExpandAreRefused(path: String) throws {
            let fixture = try PlanFixture()
            let findings = unsafe(fixture, directory: path)
            #expect(!findings.isEmpty)
            #expect(findings.allSatisfy { !$0.message.contains("\u{1B}") && !$0.message.contains("\u{202E}") }, "escaped: \(findings)")
        }

        @Test func aConfigDirectoryOthersCanWriteToIsRefused() throws {
            let fixture = try PlanFixture()
            try #require(chmod(fixture.configDirectory, 0o777) == 0)
            let plan = fixture.build(fixture.answers())
            let finding = try #require(plan.findings(.unsafeConfigDirectory).first, "\(plan.findings)")
            #expect(finding.severity == .error && finding.message.contains("writable by everyone"))
            #expect(plan.files.isEmpty)
        }

        @Test func tmpIsASharedDirectoryToAvoidNotToChmod() throws {
            let fixture = try PlanFixture()
            let findings = unsafe(fixture, directory: "/tmp")
            let writable = try #require(findings.first { $0.message.contains("writable by everyone") })
            #expect(writable.hint.contains("shared directory"))
            #expect(!writable.hint.contains("chmod"))
        }

        @Test func aPassphraseFileThatIsAFIFOIsRefusedWithoutHanging() throws {
            let directory = FixtureDirectory()
            let fifo = directory.file("pass.fifo")
            try #require(mkfifo(fifo, 0o600) == 0)
            let started = Date()
            #expect(throws: FileSystemError.notRegularFile(path: fifo)) { _ = try PassphraseFile.read(fifo) }
            #expect(Date().timeIntervalSince(started) < 2)
        }
    }
}
