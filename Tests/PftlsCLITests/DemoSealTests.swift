import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls demo` is sealed. Its sandbox has its own queue, data directory and log file;
/// the restore.sh it writes never reloads, starts or stops a Postfix (not the system's,
/// stood in for by a throwaway instance, stopped and then running, nor one from the
/// sandbox's config); every pftls command it prints names the sandbox with --config-dir,
/// and following that command changes only the sandbox; its exit line is printed once.
/// The machine's own /etc/postfix and /var/spool/postfix are only ever read.
@Suite(.serialized, .tags(.endToEnd)) struct DemoSealTests {
    let pftls = Pftls.executable

    @Test func theSandboxHasItsOwnQueueAndPostfixCheckStaysInIt() throws {
        let base = TemporaryDirectory.create("pftls-seal")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (layout, _) = try DemoSandboxBuilder.build(in: base)
        #expect(DemoSandboxSeal.isSealed(layout.configDirectory))
        let values = Shell.run("postconf", ["-c", layout.configDirectory, "-h", "queue_directory", "data_directory", "maillog_file"])
        let lines = values.output.split(separator: "\n").map(String.init)
        #expect(lines == [layout.queueDirectory, layout.dataDirectory, layout.mailLog], "\(values.all)")
        // The sandbox's own queue has no master: `status` asks the sandbox, never the system's queue.
        #expect(Shell.run("postfix", ["-c", layout.configDirectory, "status"]).status != 0)

        try #require(getuid() == 0, "postfix check runs only as root")
        try #require(lines.allSatisfy { $0.hasPrefix(layout.root + "/") }, "never run postfix check on a config that names the system's queue")
        #expect(DemoSandboxSeal.postfixCheckStaysInside(layout.configDirectory, processes: SystemProcessRunner()))
        let system = Self.systemSnapshot()
        let check = Shell.run("postfix", ["-c", layout.configDirectory, "check"])
        #expect(check.status == 0, "\(check.all)")
        // postfix check made the sandbox's queue directories, and touched nothing of the system's.
        #expect(FileManager.default.fileExists(atPath: layout.queueDirectory + "/active"))
        #expect(Self.systemSnapshot() == system)
    }

    @Test func theDemoPrintsOnlySandboxCommandsAndItsRestoreScriptLeavesEveryPostfixAlone() throws {
        // The system's Postfix, stood in for: a real instance on its own queue, stopped for now.
        let system = try ThrowawayPostfix()
        let etc = Self.systemConfigFiles()
        let tmp = TemporaryDirectory.create("pftls-seal-tmux")
        defer { try? FileManager.default.removeItem(atPath: tmp) }

        // The demo to Write, saving the answers on the way; wide enough that no message wraps.
        let session = try TmuxSession("\(pftls) demo", width: 300, height: 50, environment: ["TMPDIR": tmp])
        try session.walkDemoToPassphrase()
        try session.walkDemoFromPassphraseToReview()
        #expect(session.waitUntil { $0.contains("Findings:") })
        var shown = [session.screen]
        for _ in 0..<8 {
            session.send("NPage")
            usleep(150_000)
            shown.append(session.screen)
        }
        session.send("Right", "Right", "Enter")
        #expect(session.waitFor("Save the answers"))
        session.send("Enter")
        #expect(session.waitFor("Answers saved to"))
        shown.append(session.screen)
        session.send("Left", "Left", "Enter")
        #expect(session.waitFor("The new configuration is in place."))
        shown.append(session.screen)
        session.send("Enter")
        #expect(session.waitFor("EXIT=0"), "\(session.screen)")
        let printed = session.transcript

        let root = try #require(TmuxSession.demoSandbox(in: tmp))
        let conf = root + "/conf"
        // Every pftls command the demo shows or prints names the sandbox.
        let commands = Self.pftlsCommands(in: (shown + [printed]).joined(separator: "\n"))
        let answersCommand = try #require(commands.first { $0.hasPrefix("pftls apply --answers") }, "\(shown.joined())")
        for command in commands where ["apply", "renew", "check", "csr", "wizard"].contains(command.split(separator: " ")[1]) {
            #expect(command.hasSuffix("--config-dir \(conf)"), "\(command)")
        }
        // The exit line, once.
        #expect(printed.components(separatedBy: "Demo config set written to \(root)").count - 1 == 1, "\(printed)")

        // restore.sh, first with `postfix` standing in: any Postfix command it would run is
        // recorded and refused. Only a script that runs none is then run for real.
        let script = try #require(Self.restoreScripts(conf).first)
        #expect(!(try String(contentsOfFile: script, encoding: .utf8)).contains("postfix -c"))
        let shim = tmp + "/shim"
        try FileManager.default.createDirectory(atPath: shim, withIntermediateDirectories: true)
        try ExecutableScript.write("#!/bin/sh\necho \"$*\" >> \(tmp)/postfix-calls\nexit 1\n", to: shim + "/postfix")
        let dry = Shell.run("sh", ["-c", "PATH='\(shim)':$PATH sh '\(script)'"])
        let calls = (try? String(contentsOfFile: tmp + "/postfix-calls", encoding: .utf8)) ?? ""
        try #require(calls.isEmpty, "restore.sh runs Postfix commands: \(calls)")
        #expect(dry.status == 0, "\(dry.all)")
        // Up to here no status, start, stop or reload has been run on the sandbox (this test asks its status below).
        Self.expectNoPostfixRun(inLog: Self.log(root))

        // The system's Postfix stopped: restore.sh starts nothing.
        let mastersBefore = Self.masters(on: [system.root + "/queue", root + "/queue", "/var/spool/postfix"])
        let stopped = Shell.run("sh", [script])
        #expect(stopped.status == 0, "\(stopped.all)")
        #expect(Shell.run("postfix", ["-c", system.configDirectory, "status"]).status != 0)
        #expect(Shell.run("postfix", ["-c", conf, "status"]).status != 0)
        #expect(Self.masters(on: [system.root + "/queue", root + "/queue", "/var/spool/postfix"]) == mastersBefore)
        #expect(Self.masterConfigured(by: conf).isEmpty)
        #expect(!Shell.run("postconf", ["-c", conf, "-n"]).output.contains("smtpd_tls_chain_files"), "the files are put back")

        // The system's Postfix running: restore.sh neither reloads nor restarts it.
        try system.start()
        defer { system.stop() }
        let pid = try #require(Self.masterPID(queue: system.root + "/queue"))
        let logBefore = system.maillog
        let running = Shell.run("sh", [script])
        #expect(running.status == 0, "\(running.all)")
        #expect(Self.masterPID(queue: system.root + "/queue") == pid)
        #expect(kill(pid, 0) == 0)
        let logged = String(system.maillog.dropFirst(logBefore.count))
        for word in ["reload", "refreshing", "stopping", "starting"] { #expect(!logged.contains(word), "\(logged)") }
        #expect(Self.masterConfigured(by: conf).isEmpty)
        #expect(Shell.run("postfix", ["-c", conf, "status"]).status != 0)

        // Following the printed command changes the sandbox, and only the sandbox.
        try #require(answersCommand.contains("--config-dir \(conf)"), "never run a command that would act on /etc/postfix")
        let logMark = Self.log(root).count
        let follow = try TmuxSession("\(pftls) \(answersCommand.dropFirst("pftls ".count))", width: 300, height: 50)
        #expect(follow.waitFor("Passphrase for"))
        follow.type("demo")
        follow.send("Enter")
        #expect(follow.waitFor("EXIT=0", timeout: 60), "\(follow.transcript)")
        #expect(Shell.run("postconf", ["-c", conf, "-n"]).output.contains("smtpd_tls_chain_files = \(root)/tls/smtpd-chain.pem"))
        #expect(follow.transcript.contains("Demo sandbox: no Postfix was reloaded or started"))
        #expect(Self.masterPID(queue: system.root + "/queue") == pid)
        #expect(Self.masterConfigured(by: conf).isEmpty)
        #expect(Self.systemConfigFiles() == etc)
        for script in Self.restoreScripts(conf) {
            #expect(!(try String(contentsOfFile: script, encoding: .utf8)).contains("postfix"), "\(script)")
        }
        Self.expectNoPostfixRun(inLog: String(Self.log(root).dropFirst(logMark)))
    }

    /// The sandbox's own log.
    static func log(_ root: String) -> String { (try? String(contentsOfFile: root + "/maillog", encoding: .utf8)) ?? "" }

    /// postfix-script logs "the Postfix mail system is ..." for status, start, stop and reload.
    static func expectNoPostfixRun(inLog log: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for words in ["the Postfix mail system", "reload", "refreshing"] {
            #expect(!log.contains(words), "\(log)", sourceLocation: sourceLocation)
        }
    }

    @Test func withoutATerminalTheDemoSuggestsNoCommandAndTheWizardNamesItsConfiguration() throws {
        let demo = try Pftls.run(["demo"])
        #expect(demo.status != 0)
        #expect(demo.standardError.contains("The demo needs a terminal"), "\(demo.all)")
        #expect(!demo.all.contains("pftls apply"), "\(demo.all)")
        let elsewhere = try Pftls.run(["wizard", "--config-dir", "/srv/postfix-out"])
        #expect(elsewhere.standardError.contains("`pftls apply --answers FILE --config-dir /srv/postfix-out`"), "\(elsewhere.all)")
        let standard = try Pftls.run(["wizard"])
        #expect(standard.standardError.contains("`pftls apply --answers FILE`"), "\(standard.all)")
    }

    // MARK: - Helpers

    static func restoreScripts(_ conf: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: conf + "/pftls-backups")) ?? []).sorted()
            .map { conf + "/pftls-backups/" + $0 + "/restore.sh" }
    }

    /// Each `pftls SUBCOMMAND …` up to the end of its line, its closing quote or backtick.
    static func pftlsCommands(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"pftls (apply|renew|check|csr|wizard|demo|inspect|explain)\b[^\n`"]*"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range, in: text)!]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// Postfix master processes by pid, with the queue each works in (its working directory).
    static func masters(on queues: [String]) -> [Int32: String] {
        var found: [Int32: String] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                  (try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "master",
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"),
                  queues.contains(cwd) else { continue }
            found[pid] = cwd
        }
        return found
    }

    /// Master processes started from the configuration in `conf` (postfix passes it as MAIL_CONFIG).
    static func masterConfigured(by conf: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry),
                  (try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "master",
                  let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { return nil }
            return environment.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == "MAIL_CONFIG=\(conf)" } ? pid : nil
        }
    }

    static func masterPID(queue: String) -> Int32? {
        (try? String(contentsOfFile: queue + "/pid/master.pid", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The machine's Postfix configuration, as bytes (nil where a file is missing).
    static func systemConfigFiles() -> [Data?] {
        ["/etc/postfix/main.cf", "/etc/postfix/master.cf"].map { FileManager.default.contents(atPath: $0) }
    }

    /// Owner, mode and times of everything in the system's Postfix directories.
    static func systemSnapshot() -> String {
        Shell.run("find", ["/var/spool/postfix", "/var/lib/postfix", "/etc/postfix", "-printf", "%p %U %G %m %T@ %C@\n"]).output
    }
}
