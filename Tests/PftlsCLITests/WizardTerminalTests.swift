import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The real binary in a real terminal (tmux), as a new user would try it.
@Suite(.tags(.endToEnd)) struct WizardTerminalTests {
    let pftls = Pftls.executable

    @Test func theEnterThroughDemoWritesAValidConfigSet() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        try session.walkDemoToPassphrase()
        try session.walkDemoFromPassphraseToReview()
        // The diffs follow the steps and findings: page down to them.
        var pages = 0
        while !session.screen.contains("+smtpd_tls_chain_files") && pages < 12 {
            session.send("NPage")
            usleep(200_000)
            pages += 1
        }
        #expect(session.screen.contains("+smtpd_tls_chain_files"), "the review shows the main.cf diff")
        while !session.screen.contains("-o smtpd_tls_wrappermode=yes") && pages < 24 {
            session.send("NPage")
            usleep(200_000)
            pages += 1
        }
        #expect(session.screen.contains("-o smtpd_tls_wrappermode=yes"), "the review shows the master.cf diff")
        session.send("Enter")
        #expect(session.waitFor("The new configuration is in place."))
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"), "\(session.screen)")
        #expect(session.screen.contains("Demo config set written to \(tmp)"))

        let root = try #require(TmuxSession.demoSandbox(in: tmp))
        let chain = try String(contentsOfFile: root + "/tls/smtpd-chain.pem", encoding: .utf8)
        #expect(chain.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        var info = stat()
        #expect(stat(root + "/tls/smtpd-chain.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let postconf = Shell.run("postconf", ["-c", root + "/conf", "-n"])
        #expect(postconf.output.contains("smtpd_tls_chain_files = \(root)/tls/smtpd-chain.pem"))
        #expect(!postconf.error.contains("warning"), "\(postconf.error)")
        #expect(Shell.run("postconf", ["-c", root + "/conf", "-M"]).output.contains("submissions"))
        // The original encrypted key is untouched.
        #expect(try String(contentsOfFile: root + "/incoming/mailkey.pem", encoding: .utf8).contains("ENCRYPTED PRIVATE KEY"))
        try? FileManager.default.removeItem(atPath: tmp)
    }

    @Test func aWrongPassphraseKeepsTheUserOnTheStep() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        try session.walkDemoToPassphrase()
        session.type("not-the-passphrase")
        session.send("Enter")
        #expect(session.waitFor("does not open the key"))
        #expect(!session.screen.contains("not-the-passphrase"), "the passphrase must never be shown")
        #expect(session.screen.contains("3 Passphrase"))
        session.type("demo")
        session.send("Enter")
        #expect(session.waitFor("Incoming mail (smtpd_tls_security_level)"))
    }

    @Test func aFileWithErrorsBlocksNextInTheRealWizard() throws {
        let work = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let set = try SampleCertificateSet()
        let otherKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        FileManager.default.createFile(atPath: work + "/server.key", contents: Data(otherKey.unencryptedPEM()!.withUnsafeBytes { Array($0) }))
        FileManager.default.createFile(atPath: work + "/server.crt", contents: Data(set.leaf.pem.utf8))
        mkdir(work + "/conf", 0o755)
        for name in ["main.cf", "master.cf"] {
            try FileManager.default.copyItem(atPath: ThrowawayPostfix.stockDirectory + "/" + name, toPath: work + "/conf/" + name)
        }
        let session = try TmuxSession("cd \(work) && \(pftls) wizard --config-dir \(work)/conf")
        try session.walkToDirectory()
        session.send("Enter")
        #expect(session.waitFor("key-cert-mismatch"), "\(session.screen)")
        session.send("F10")
        #expect(session.waitFor("Next is refused"))
        #expect(session.screen.contains("2 Files"))
        #expect(!session.screen.contains("Incoming mail"))
    }

    /// Idle, the wizard sleeps in poll(): its main thread does not wake up on a timer.
    @Test func anIdleWizardDoesNotWakeUp() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        #expect(session.waitFor("Set up a certificate"))
        let pid = try #require(session.pid(of: "pftls"))
        func wakeUps() throws -> Int {
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches") })
            return Int(line.split(separator: "\t").last.map(String.init) ?? "") ?? -1
        }
        sleep(1) // let the start-up work (Postfix detection) finish
        let before = try wakeUps()
        sleep(2)
        let after = try wakeUps()
        #expect(after - before < 5, "\(after - before) wake-ups in 2 s of idling (a 50 ms timer would give about 40)")
        session.send("Enter")
        #expect(session.waitFor("Where should the key"), "keys still arrive")
    }

    @Test func resizingRedrawsAndTooSmallAsksToEnlarge() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        try session.walkToDirectory()
        session.resize(100, 30)
        // The redraw at the new width: the title row reaches column 100.
        #expect(session.waitUntil { $0.split(separator: "\n").first.map { $0.count > 90 && $0.hasSuffix("[DEMO]") } == true })
        let wide = session.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(wide.first?.hasSuffix("[DEMO]") == true && wide.first.map { $0.count > 90 } == true, "\(wide.first ?? "")")
        session.resize(60, 20)
        #expect(session.waitFor("Please enlarge the terminal"))
        session.resize(80, 24)
        #expect(session.waitFor("Where should the key"))
    }

    @Test func ctrlCAndHangUpRestoreTheTerminal() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let report = tmp + "/stty.txt"
        let session = try TmuxSession("\(pftls) demo; s=\\$?; stty -a > \(report); (exit \\$s)", environment: ["TMPDIR": tmp])
        try session.walkToDirectory()
        session.send("C-c")
        #expect(session.waitFor("Quit without writing"))
        session.send("y")
        #expect(session.waitFor("EXIT=130"), "choices abandoned with Ctrl-C: 130")
        let settings = try String(contentsOfFile: report, encoding: .utf8)
        #expect(settings.contains(" echo ") && settings.contains(" icanon "), "\(settings)")

        let afterHangup = try terminalSettings(afterSending: SIGHUP, exitStatus: 129, report: tmp + "/stty-hup.txt", tmp: tmp)
        #expect(afterHangup.contains(" echo ") && afterHangup.contains(" icanon "), "\(afterHangup)")
    }

    /// The terminal's settings (`stty -a`, written to `report`) after the demo, killed by
    /// `signal` on its first screen, ended with `exitStatus`.
    private func terminalSettings(afterSending signal: Int32, exitStatus: Int, report: String, tmp: String) throws -> String {
        let session = try TmuxSession("\(pftls) demo; s=\\$?; stty -a > \(report); (exit \\$s)", environment: ["TMPDIR": tmp])
        try session.require("Set up a certificate")
        let pid = try #require(session.pid(of: "pftls"))
        kill(pid, signal)
        try session.require("EXIT=\(exitStatus)")
        return try String(contentsOfFile: report, encoding: .utf8)
    }

    @Test func ctrlCInTheQuitDialogQuitsAndTextFieldsTypeQ() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        try session.walkToDirectory()
        // The directory is a text field: q types, and the footer offers F1 and Ctrl-C instead.
        #expect(session.waitFor("^C Quit") && !session.screen.contains("q Quit"), "\(session.screen)")
        session.type("q")
        #expect(session.waitFor("/tlsq"), "q typed into the field: \(session.screen)")
        session.send("C-c")
        #expect(session.waitFor("Quit without writing"))
        session.send("C-c")
        #expect(session.waitFor("EXIT=130"), "a second Ctrl-C quits: \(session.screen)")
    }

    @Test func anArrowKeyWhoseBytesArriveApartIsStillAnArrow() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let session = try TmuxSession("\(pftls) demo", environment: ["TMPDIR": tmp])
        try session.walkToDirectory()
        try session.require("directory-created")
        // Down (Esc O B, as a terminal in keypad mode sends it) over a slow link: Esc first,
        // the rest 80 ms later. Read as Esc, it would go Back to Start and type "OB".
        session.sendBytes("1b")
        usleep(80_000)
        session.sendBytes("4f", "42")
        usleep(500_000)
        #expect(session.screen.contains("Where should the key") && !session.screen.contains("tlsOB"), "\(session.screen)")
    }

    @Test func aCrashRestoresTheTerminalToo() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let settings = try terminalSettings(afterSending: SIGSEGV, exitStatus: 139, report: tmp + "/stty-crash.txt", tmp: tmp)
        #expect(settings.contains(" echo ") && settings.contains(" icanon "), "\(settings)")
    }

    @Test func aTerminalItCannotDriveIsRefusedWithAWayForward() throws {
        let tmp = TemporaryDirectory.create("pftls-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for term in ["dumb", "no-such-terminal"] {
            let session = try TmuxSession("env TERM=\(term) \(pftls) demo", environment: ["TMPDIR": tmp])
            #expect(session.waitFor("EXIT=2"), "TERM=\(term): \(session.screen)")
            // The way forward is a terminal setting: a bare `pftls apply` would act on /etc/postfix, not on a sandbox.
            #expect(session.screen.contains("cannot drive this terminal") && session.screen.contains("TERM=xterm-256color"), "\(session.screen)")
            #expect(!session.screen.contains("pftls apply"), "\(session.screen)")
        }
    }
}

/// What the wizard writes to the terminal, byte for byte, on a pseudo-terminal.
@Suite(.tags(.endToEnd)) struct WizardOutputTests {
    @Test func oneArrowKeyWritesAtMost400Bytes() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/ptyrun.py").path
        let tmp = TemporaryDirectory.create("pftls-pty")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        // Start, Directory, Files; focus the file list; then move the cursor.
        // posix_spawn with output to a file: the pty child must not inherit a pipe we wait on.
        let output = tmp + "/report.json"
        let status = try Spawn.run("/usr/bin/env", ["TMPDIR=\(tmp)", "python3", script, "--first-frame-marker", "Set up a certificate",
                                                    "--keys", "enter,enter,tab,tab,down,down,up,up", "--", Pftls.executable, "demo"], output: output)
        #expect(status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
        let keys = report["keys"] as! [[String: Any]]
        let arrows = keys.filter { ["down", "up"].contains($0["key"] as? String) }.map { $0["bytes"] as! Int }
        let firstFrame = report["first_frame_bytes"] as! Int
        #expect(arrows.count == 4)
        for bytes in arrows {
            #expect(bytes > 0, "the cursor move must be drawn")
            #expect(bytes <= 400, "an arrow key wrote \(bytes) bytes")
        }
        #expect(firstFrame >= 1000, "a full frame is much larger (\(firstFrame) bytes)")
    }
}
