import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The canary under hostile and unlucky conditions, on a real throwaway Postfix: a
/// local user who would take its address first, an IPv6-only instance, a master that
/// stops while it runs, a run killed in its window, and a directory whose name looks
/// like one of the files.
@Suite(.serialized, .tags(.endToEnd)) struct CanaryHostileTests {
    let fixtures: CLIFixtures
    let postfix: ThrowawayPostfix

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func served(_ on: ThrowawayPostfix) -> Certificate? {
        TLSProbe().probe(host: on.ipv6Only ? "::1" : "127.0.0.1", port: on.smtpPort, mode: .startTLS, serverName: nil).leaf
    }

    private func leaf(_ name: String) throws -> Certificate {
        try #require(Inspector().load(fixtures.path(name + ".pem"), passphrases: nil).items.compactMap {
            if case .certificate(let certificate) = $0.object { certificate } else { nil } }.first)
    }

    private func isRunning(_ instance: ThrowawayPostfix) -> Bool {
        Shell.run("postfix", ["-c", instance.configDirectory, "status"]).status == 0
    }

    /// Looks at the canary while it runs, then hands on to the real probe.
    final class WatchingProbe: ListenerProbing, @unchecked Sendable {
        let masterPath: String
        var canaryHosts: [String] = []
        var masterWhileRunning = ""
        let onCanary: (String) -> ProbeResult?
        init(masterPath: String, onCanary: @escaping (String) -> ProbeResult? = { _ in nil }) {
            self.masterPath = masterPath
            self.onCanary = onCanary
        }
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
            if host.hasPrefix("/") {
                canaryHosts.append(host)
                masterWhileRunning = (try? String(contentsOfFile: masterPath, encoding: .utf8)) ?? ""
                if let answer = onCanary(host) { return answer }
            }
            return TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName)
        }
    }

    @Test func theCanaryListensWhereNoLocalUserCanGoFirst() throws {
        try postfix.start()
        _ = try Applier().apply(try fixtures.loopbackPlan("old", on: postfix), options: Applier.Options(canary: true))
        let probe = WatchingProbe(masterPath: postfix.configDirectory + "/master.cf")
        let outcome = try Applier(probe: probe).apply(try fixtures.loopbackPlan("new", on: postfix), options: Applier.Options(canary: true))
        #expect(outcome.changed)
        let socket = try #require(probe.canaryHosts.first, "the canary was probed on a local socket, not a port")
        #expect(socket == postfix.root + "/queue/private/pftls-canary")
        // The socket's directory: Postfix's own, closed to everybody else.
        var info = stat()
        #expect(stat(postfix.root + "/queue/private", &info) == 0)
        #expect(info.st_mode & 0o077 == 0 && info.st_uid == getpwnam("postfix").pointee.pw_uid)
        // An unprivileged user cannot take that name first.
        let squat = Shell.run("runuser", ["-u", "nobody", "--", "python3", "-c",
                                          "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", socket + "-squat"])
        #expect(squat.status != 0 && squat.all.contains("Permission denied"), "\(squat.all)")
        let entry = probe.masterWhileRunning.components(separatedBy: "\n").filter { $0.hasPrefix("pftls-canary ") }
        #expect(entry.count == 1 && entry[0].contains(" unix "), "one canary entry, on a UNIX-domain socket: \(entry)")
        #expect(isRunning(postfix))
        #expect(served(postfix)?.isSame(as: try leaf("new")) == true)
    }

    @Test func aPostfixThatStopsDuringTheCanaryIsStartedAgainAndSaysSo() throws {
        try postfix.start()
        _ = try Applier().apply(try fixtures.loopbackPlan("old", on: postfix), options: Applier.Options(canary: true))
        let probe = WatchingProbe(masterPath: postfix.configDirectory + "/master.cf") { [postfix] _ in
            postfix.stop()
            // Gone for good before the canary gives up, however loaded the machine is.
            let end = Date().addingTimeInterval(30)
            while Date() < end, Shell.run("postfix", ["-c", postfix.configDirectory, "status"]).status == 0 { usleep(100_000) }
            return .failed(reason: "the master went away", answered: true)
        }
        #expect {
            _ = try Applier(probe: probe).apply(try fixtures.loopbackPlan("new", on: postfix), options: Applier.Options(canary: true))
        } throws: { error in
            let failure = try #require(error as? ApplyFailure)
            return failure.reason.contains("Nothing was changed") && failure.reason.contains("started again") && !failure.rolledBack
        }
        #expect(isRunning(postfix), "running stays running")
        #expect(served(postfix)?.isSame(as: try leaf("old")) == true, "the old certificate, as the message says")
        let master = try String(contentsOfFile: postfix.configDirectory + "/master.cf", encoding: .utf8)
        #expect(!master.contains("pftls-canary"))
    }

    @Test func anIPv6OnlyPostfixStaysUpAndServesTheNewCertificate() throws {
        let (v6, fixtures) = try ThrowawayPostfix.withFixtures(ipv6Only: true)
        try v6.start()
        let plan = try fixtures.loopbackPlan("v6", on: v6)
        try #require(!plan.hasErrors, "\(plan.findings.map(\.message))")
        let outcome = try Applier().apply(plan, options: Applier.Options(canary: true))
        #expect(outcome.changed)
        #expect(outcome.log.contains { $0.contains("temporary") }, "the canary ran: \(outcome.log)")
        #expect(isRunning(v6), "the master is still running:\n\(v6.maillog)")
        let leaf = try #require(Inspector().load(fixtures.path("v6.pem"), passphrases: nil).items.compactMap {
            if case .certificate(let certificate) = $0.object { certificate } else { nil } }.first)
        #expect(served(v6)?.isSame(as: leaf) == true)
    }

    @Test func aCanaryLeftByAKilledRunIsRemovedByTheNextRun() throws {
        try postfix.start()
        let master = postfix.configDirectory + "/master.cf"
        let answers = fixtures.write("first.json", fixtures.answers("first", on: postfix).json)
        try fixtures.issueLeaf("first")
        let pid = try Spawn.start(Pftls.executable, ["apply", "--answers", answers, "--config-dir", postfix.configDirectory, "--resolver", "none"],
                                  ownGroup: true)
        // Killed in the canary's window: its entry is in master.cf.
        let end = Date().addingTimeInterval(30)
        while Date() < end, !((try? String(contentsOfFile: master, encoding: .utf8)) ?? "").contains("# pftls canary:") { usleep(2_000) }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let left = try String(contentsOfFile: master, encoding: .utf8)
        try #require(left.contains("pftls-canary"), "the kill landed in the canary's window")

        let second = fixtures.write("second.json", fixtures.answers("second", on: postfix).json)
        try fixtures.issueLeaf("second")
        let run = try Pftls.run(["apply", "--answers", second, "--config-dir", postfix.configDirectory])
        #expect(run.status == 0, "\(run.all)")
        #expect(run.all.contains("canary-leftover"), "the leftover is named: \(run.all)")
        #expect(!(try String(contentsOfFile: master, encoding: .utf8)).contains("pftls-canary"))
        let tls = (try? FileManager.default.contentsOfDirectory(atPath: postfix.root + "/tls")) ?? []
        #expect(!tls.contains { $0.contains("canary") }, "\(tls)")
        #expect(served(postfix)?.isSame(as: try leaf("second")) == true)
        // And the run after that has nothing left to clean.
        let third = try Pftls.run(["apply", "--answers", second, "--config-dir", postfix.configDirectory])
        #expect(third.status == 0 && !third.all.contains("canary-leftover"), "\(third.all)")
    }

    @Test func separateFilesInADirectoryNamedLikeTheFilesAreNotSwapped() throws {
        try postfix.start()
        let directory = postfix.root + "/smtpd-certs/smtpd-key.d"
        let plan = try fixtures.loopbackPlan("named", on: postfix, layout: .separateFiles, certificateDirectory: directory)
        #expect(!plan.hasErrors, "\(plan.findings)")
        let outcome = try Applier().apply(plan, options: Applier.Options(canary: true))
        #expect(outcome.changed && outcome.log.contains { $0.contains("temporary") })
        #expect(served(postfix)?.isSame(as: try leaf("named")) == true)
    }
}
