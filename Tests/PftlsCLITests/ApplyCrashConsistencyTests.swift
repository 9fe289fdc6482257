import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls apply` killed with SIGKILL at random moments never leaves a torn
/// main.cf or master.cf, nor a temp file holding key material.
@Suite(.tags(.endToEnd)) struct ApplyCrashConsistencyTests {
    @Test func sigkillAtFiftyRandomMoments() throws {
        let (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try fixtures.issueLeaf("leaf")
        let answers = fixtures.write("answers.json", fixtures.answers("leaf", on: postfix, services: [.smtp, .submission]).json)
        let arguments = ["apply", "--answers", answers, "--config-dir", postfix.configDirectory, "--no-reload",
                         "--backup-dir", postfix.root + "/backups"]
        let main = postfix.configDirectory + "/main.cf"
        let master = postfix.configDirectory + "/master.cf"
        let oldMain = try Data(contentsOf: URL(fileURLWithPath: main))
        let oldMaster = try Data(contentsOf: URL(fileURLWithPath: master))

        func reset() {
            FileManager.default.createFile(atPath: main, contents: oldMain)
            FileManager.default.createFile(atPath: master, contents: oldMaster)
            ThrowawayPostfix.backdate(main)
            ThrowawayPostfix.backdate(master)
            try? FileManager.default.removeItem(atPath: postfix.root + "/tls")
        }

        // One undisturbed run gives the new files and how long a run takes.
        reset()
        let started = Date()
        let full = try Pftls.run(arguments)
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(full.all)")
        let newMain = try Data(contentsOf: URL(fileURLWithPath: main))
        let newMaster = try Data(contentsOf: URL(fileURLWithPath: master))
        #expect(newMain != oldMain && newMaster != oldMaster)

        var outcomes: [String: Int] = [:]
        for round in 0..<50 {
            reset()
            // pftls runs in its own process group, and the whole group is killed:
            // a postconf or `postfix check` it started must not outlive it and
            // race with the next round's reset.
            let pid = try Spawn.start(Pftls.executable, arguments, ownGroup: true)
            usleep(useconds_t(Double.random(in: 0...duration) * 1_000_000))
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            while kill(-pid, 0) == 0 { usleep(10_000) }
            // `postfix check` hands work to Postfix's own scripts, which may leave the
            // group; wait until nothing runs for this instance before looking.
            Self.waitForProcesses(mentioning: postfix.root)

            let mainNow = try Data(contentsOf: URL(fileURLWithPath: main))
            let masterNow = try Data(contentsOf: URL(fileURLWithPath: master))
            #expect(mainNow == oldMain || mainNow == newMain,
                    "round \(round): main.cf is torn:\n\(UnifiedDiff.make(old: String(decoding: oldMain, as: UTF8.self), new: String(decoding: mainNow, as: UTF8.self), oldLabel: "old", newLabel: "now"))")
            #expect(masterNow == oldMaster || masterNow == newMaster, "round \(round): master.cf is torn")
            let state = "main \(mainNow == newMain ? "new" : "old"), master \(masterNow == newMaster ? "new" : "old")"
            outcomes[state, default: 0] += 1

            ThrowawayPostfix.backdate(main)
            ThrowawayPostfix.backdate(master)
            let parsed = postfix.postconf(["-n"])
            #expect(parsed.status == 0 && !parsed.error.contains("warning"), "round \(round): \(parsed.error)")
            for leftover in Self.temporaryFiles(under: postfix.root) {
                let content = (try? String(contentsOfFile: leftover, encoding: .utf8)) ?? ""
                #expect(!content.contains("PRIVATE KEY"), "round \(round): \(leftover) holds key material")
            }
            let keyFile = postfix.root + "/tls/smtpd-chain.pem"
            if let content = try? String(contentsOfFile: keyFile, encoding: .utf8) {
                #expect(content.hasPrefix("-----BEGIN PRIVATE KEY-----") && content.hasSuffix("-----END CERTIFICATE-----\n"),
                        "round \(round): the key file is incomplete")
            }
        }
        // The kills must have landed on both sides of the commit to prove anything.
        #expect(outcomes.count >= 2, "all kills landed in one state: \(outcomes)")
    }

    /// Waits (up to 30 s) until no process mentions `text` in its command line or
    /// environment. `postfix check` starts its script in a new session, with the
    /// config directory only in MAIL_CONFIG, so neither the group kill nor argv finds it.
    static func waitForProcesses(mentioning text: String) {
        let needle = Array(text.utf8)
        for _ in 0..<300 {
            let busy = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).contains { entry in
                guard let pid = Int32(entry), pid != getpid() else { return false }
                return ["cmdline", "environ"].contains { name in
                    guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/\(name)") else { return false }
                    return Array(data).firstRange(of: needle) != nil
                }
            }
            if !busy { return }
            usleep(100_000)
        }
    }

    /// pftls' temp files (`.pftls-*.tmp`) anywhere under `root`.
    static func temporaryFiles(under root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".pftls-") && $0.hasSuffix(".tmp") }
            .map { root + "/" + $0 }
    }
}
