import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A rollback brings Postfix back to the state it was in, and says exactly what it did;
/// restore.sh, written before anything changes, puts everything back by itself.
@Suite(.serialized, .tags(.endToEnd)) struct ApplyRollbackTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    /// Real programs, except that `postfix reload` stops Postfix and fails, as a reload of a
    /// master.cf that the master cannot use does.
    struct ReloadThatStopsPostfix: ProcessRunner {
        let real = SystemProcessRunner()
        func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
            try real.run(program, arguments)
        }
        func runWithTerminal(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
            guard program == "postfix", arguments.last == "reload" else { return try real.runWithTerminal(program, arguments) }
            _ = try real.run("postfix", Array(arguments.dropLast()) + ["stop"])
            return ProcessResult(status: 1, standardOutput: [], standardError: Array("postfix/master: fatal: bind 999.1.1.1 port 99999: Cannot assign requested address".utf8))
        }
    }

    private func plan(_ leaf: String) throws -> ChangePlan { try fixtures.loopbackPlan(leaf, on: postfix) }

    private func isRunning() -> Bool { Shell.run("postfix", ["-c", postfix.configDirectory, "status"]).status == 0 }

    private func configFiles() -> [String: Data] {
        ConfigFiles.snapshot(postfix.configDirectory)
    }

    @Test func aReloadThatStopsPostfixIsRolledBackAndPostfixStartedAgain() throws {
        try postfix.start()
        let plan = try plan("r")
        let before = configFiles()
        #expect {
            _ = try Applier(processes: ReloadThatStopsPostfix()).apply(plan, options: Applier.Options(probeDeadline: 2))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            let text = failure.description
            return failure.rolledBack && failure.restoreProblems.isEmpty && text.contains("Postfix said: postfix/master: fatal: bind")
                && text.contains("The previous files were restored") && text.contains("started again")
        }
        #expect(isRunning(), "Postfix runs again, as it did before")
        #expect(configFiles() == before)
    }

    @Test func restoreShPutsEverythingBackAndStartsPostfix() throws {
        try postfix.start()
        let before = configFiles()
        let outcome = try Applier().apply(try plan("s"), options: Applier.Options())
        #expect(outcome.changed)
        #expect(configFiles() != before)
        postfix.stop()
        let script = try #require(outcome.backupDirectory) + "/restore.sh"
        var info = stat()
        #expect(stat(script, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let result = Shell.run("sh", [script])
        #expect(result.status == 0, "\(result.all)")
        #expect(configFiles() == before)
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls/smtpd-chain.pem"), "the installed key file is removed again")
        #expect(isRunning(), "restore.sh starts a stopped Postfix")
    }

    @Test func aSecondRunWaitsForTheFirstAndSaysWhoHoldsTheLock() throws {
        let plan = try plan("l")
        let held = try ConfigLock(configDirectory: postfix.configDirectory, wait: 0)
        #expect {
            _ = try Applier().apply(plan, options: Applier.Options(reload: false, lockWait: 0.5))
        } throws: { error in
            (error as? ApplyFailure)?.reason.contains("Another pftls (pid \(getpid())) is changing") == true
        }
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/tls"), "nothing was done while the lock was held")
        withExtendedLifetime(held) {}
    }

    @Test func staleStagingDirectoriesOfKilledRunsAreRemoved() throws {
        let stale = postfix.configDirectory + "/.pftls-stage-Killed"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: false)
        FileManager.default.createFile(atPath: stale + "/main.cf", contents: Data("x = 1\n".utf8))
        let outcome = try Applier().apply(try plan("t"), options: Applier.Options(reload: false))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(outcome.log.contains { $0.contains("removed a staging directory left by an interrupted run") })
    }

    /// A probe during which SIGTERM arrives (raised on the applying thread, as a kill would be held there).
    struct ProbeInterruptedBySIGTERM: ListenerProbing {
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
            raise(SIGTERM)
            return TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName)
        }
    }

    @Test func sigtermWhileProvingRollsBackAndSaysSo() throws {
        try postfix.start()
        let plan = try plan("i")
        let before = configFiles()
        #expect {
            _ = try Applier(probe: ProbeInterruptedBySIGTERM()).apply(plan, options: Applier.Options(probeDeadline: 1))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            return failure.signal == SIGTERM && failure.rolledBack && failure.description.contains("Interrupted by SIGTERM")
                && failure.description.contains("The previous files were restored")
        }
        #expect(configFiles() == before)
        #expect(isRunning())
    }
}
