import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The canary: the new files on a temporary local listener of a real Postfix before
/// the live services change; a failure there changes nothing live.
@Suite(.serialized, .tags(.endToEnd)) struct CanaryTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func plan(_ leaf: String) throws -> ChangePlan { try fixtures.loopbackPlan(leaf, on: postfix) }

    /// A probe that sees the real canary but never accepts it: as a chain that breaks
    /// only on a live server would.
    final class CanaryRefusingProbe: ListenerProbing, @unchecked Sendable {
        var canaryPorts: [Int] = []
        let live: Int
        init(live: Int) { self.live = live }
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
            guard port != live else { return TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName) }
            canaryPorts.append(port)
            let real = TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName)
            return .failed(reason: "the chain does not verify (seen: \(real.leaf?.sha256FingerprintText ?? "nothing"))", answered: true)
        }
    }

    @Test func aFailingCanaryChangesNothingLive() throws {
        try postfix.start()
        let first = try Applier().apply(try plan("old"), options: Applier.Options(canary: true))
        #expect(first.changed)
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let probe = CanaryRefusingProbe(live: postfix.smtpPort)
        #expect {
            _ = try Applier(probe: probe).apply(try plan("new"), options: Applier.Options(canary: true))
        } throws: { error in
            let failure = error as? ApplyFailure
            return failure?.reason.contains("temporary listener") == true && failure?.rolledBack == false
        }
        #expect(!probe.canaryPorts.isEmpty, "the canary was probed")
        #expect(ConfigFiles.snapshot(postfix.configDirectory).filter { !$0.key.contains("pftls-backups") }
                == before.filter { !$0.key.contains("pftls-backups") }, "main.cf and master.cf as they were: the canary entry is gone")
        let tls = try FileManager.default.contentsOfDirectory(atPath: postfix.root + "/tls")
        #expect(!tls.contains { $0.contains("canary") }, "no canary files left: \(tls)")
        let served = TLSProbe().probe(host: "127.0.0.1", port: postfix.smtpPort, mode: .startTLS, serverName: nil).leaf
        let old = try #require(Inspector().load(fixtures.path("old.pem"), passphrases: nil).items.compactMap {
            if case .certificate(let certificate) = $0.object { certificate } else { nil } }.first)
        #expect(served?.isSame(as: old) == true, "the live service still serves the old certificate")
    }

    /// Real programs, except that after the canary's clean-up reload (the run's second) the
    /// master goes, and SIGTERM arrives (raised on the applying thread): the run stops before
    /// its change, with no reload of its own to notice the master is gone.
    final class MasterGoneAfterTheCanary: ProcessRunner, @unchecked Sendable {
        let real = SystemProcessRunner()
        var reloads = 0
        func run(_ program: String, _ arguments: [String]) throws -> ProcessResult? { try real.run(program, arguments) }
        func runWithTerminal(_ program: String, _ arguments: [String]) throws -> ProcessResult? {
            let result = try real.runWithTerminal(program, arguments)
            guard program == "postfix", arguments.last == "reload" else { return result }
            reloads += 1
            if reloads == 2 {
                let instance = Array(arguments.dropLast())
                _ = try real.run("postfix", instance + ["stop"])
                for _ in 0..<50 {
                    guard try real.run("postfix", instance + ["status"])?.status == 0 else { break }
                    usleep(100_000)
                }
                raise(SIGTERM)
            }
            return result
        }
    }

    @Test func aRunStoppedAfterAPassingCanaryBringsBackAMasterThatWent() throws {
        try postfix.start()
        let before = ConfigFiles.snapshot(postfix.configDirectory).filter { !$0.key.contains("pftls-backups") }
        let processes = MasterGoneAfterTheCanary()
        #expect {
            _ = try Applier(processes: processes).apply(try plan("gone"), options: Applier.Options(canary: true))
        } throws: { error in
            guard let failure = error as? ApplyFailure else { return false }
            return failure.signal == SIGTERM && !failure.rolledBack && failure.description.contains("started again")
        }
        #expect(processes.reloads == 2, "the canary passed and the run stopped before its own reload")
        #expect(Shell.run("postfix", ["-c", postfix.configDirectory, "status"]).status == 0, "Postfix runs again, as it did before")
        #expect(ConfigFiles.snapshot(postfix.configDirectory).filter { !$0.key.contains("pftls-backups") } == before, "nothing changed")
    }

    @Test func aPassingCanaryGoesOnToTheLiveServices() throws {
        try postfix.start()
        let outcome = try Applier().apply(try plan("good"), options: Applier.Options(canary: true))
        #expect(outcome.changed)
        #expect(outcome.log.contains { $0.contains("temporary listener") }, "\(outcome.log)")
        let master = try String(contentsOfFile: postfix.configDirectory + "/master.cf", encoding: .utf8)
        #expect(!master.contains("pftls canary"), "the canary entry is removed")
        #expect(outcome.proofs.first?.result.leaf != nil)
    }
}
