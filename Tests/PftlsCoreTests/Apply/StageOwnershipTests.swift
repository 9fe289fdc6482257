import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// A stage directory is left over only when the run that made it is gone: two runs at once
/// must not remove each other's stage (one failed with "cannot link the temp file").
@Suite struct StageOwnershipTests {
    let directory = FixtureDirectory()

    @Test func aLiveRunsStageStaysAndADeadRunsGoes() throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let live = ".pftls-stage-\(getpid())-AbC123", dead = ".pftls-stage-\(finished.processIdentifier)-XyZ789", old = ".pftls-stage-Qw3rty"
        for name in [live, dead, old] { mkdir(directory.path + "/" + name, 0o700) }
        let removed = StagedCheck.removeStaleStages(in: directory.path)
        #expect(Set(removed) == [dead, old])
        #expect(FileManager.default.fileExists(atPath: directory.path + "/" + live))
    }
}
