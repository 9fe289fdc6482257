import Foundation
import Testing
import PftlsTestSupport

/// Stand-in scripts are written whole, executable, in place of what was there, with
/// nothing left beside them.
@Suite struct ExecutableScriptTests {
    @Test func theScriptRunsAtOnceAndReplacesTheOldOneWithNothingLeftBeside() throws {
        let directory = TemporaryDirectory.create("pftls-script", under: "/var/tmp")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/postfix"
        try ExecutableScript.write("#!/bin/sh\necho first\n", to: path)
        #expect(Shell.run(path, []).output == "first\n")
        try ExecutableScript.write("#!/bin/sh\necho \"second $*\"\nexit 3\n", to: path)
        let second = Shell.run(path, ["reload"])
        #expect(second.output == "second reload\n" && second.status == 3, "\(second.all)")
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o755)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["postfix"])
        #expect(throws: Shell.Failure.self) { try ExecutableScript.write("#!/bin/sh\n", to: directory + "/missing/postfix") }
    }
}
