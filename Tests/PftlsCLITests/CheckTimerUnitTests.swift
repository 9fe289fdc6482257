import Foundation
import Testing
import PftlsTestSupport

/// contrib/systemd: the daily check's service run as systemd runs it. ServiceSandbox builds
/// the sandbox from the unit file's own settings; the real pftls-check-report runs the real
/// pftls (or a stand-in printing what a test needs) and the real sendmail, which queues into
/// a throwaway Postfix instance. In the sandbox the instance stands in for the system's
/// Postfix: its queue at /var/spool/postfix and, at /etc/postfix, a copy of its configuration
/// that says so. The instance defers every delivery, so mail stays in its queue to be read.
@Suite(.serialized, .tags(.endToEnd)) struct CheckTimerUnitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let unitFile = repository + "/contrib/systemd/pftls-check.service"
    static let script = repository + "/contrib/systemd/pftls-check-report"

    let postfix: ThrowawayPostfix
    /// The instance's configuration as /etc/postfix in the sandbox.
    let systemConfig: String

    init() throws {
        postfix = try ThrowawayPostfix()
        postfix.postconf(["-e", "defer_transports=local,smtp,relay,virtual,lmtp"])
        systemConfig = postfix.root + "/system-conf"
        try FileManager.default.createDirectory(atPath: systemConfig, withIntermediateDirectories: true)
        for name in ["main.cf", "master.cf"] {
            try FileManager.default.copyItem(atPath: postfix.configDirectory + "/" + name, toPath: systemConfig + "/" + name)
        }
        _ = Shell.run("postconf", ["-c", systemConfig, "-e", "queue_directory=/var/spool/postfix"])
        for directory in [postfix.configDirectory, systemConfig] {
            for name in ["main.cf", "master.cf"] { ThrowawayPostfix.backdate(directory + "/" + name) }
        }
        try postfix.start()
    }

    /// The instance's own name, which the script puts in the Subject.
    private var hostname: String {
        Shell.run("postconf", ["-c", postfix.configDirectory, "-h", "myhostname"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the unit's program in its sandbox with /etc/default/pftls as shipped, the built
    /// pftls and `extra`, and the test's `standIns` beside the instance's; returns the result and how long it took.
    private func runUnit(_ unit: ServiceSandbox, _ extra: [String: String] = [:],
                         standIns: [(source: String, target: String)] = []) throws -> (result: Shell.Result, seconds: Double) {
        #expect(unit.values("ExecStart") == ["/usr/lib/pftls/pftls-check-report"], "the program below is the one the unit starts")
        let environment = try ServiceSandbox.environment(file: Self.repository + "/contrib/default/pftls")
            .merging(["PFTLS": Pftls.executable, "PFTLS_RESOLVER": "none", "LANG": "C.UTF-8"]) { $1 }.merging(extra) { $1 }
        let start = Date()
        let result = try unit.run(Self.script, environment: environment,
                                  standIns: [(postfix.root + "/queue", "/var/spool/postfix"), (systemConfig, "/etc/postfix")] + standIns, cap: 60)
        return (result, Date().timeIntervalSince(start))
    }

    @Test func theTimersRunQueuesTheReportFromItsSandbox() throws {
        let run = try runUnit(try ServiceSandbox(unitFile: Self.unitFile))
        // No certificate set up: a warning, mailed.
        #expect(run.result.status == 1, "\(run.result.all)")
        let statusLine = String(run.result.output.prefix { $0 != "\n" })
        #expect(statusLine.hasPrefix("PFTLS WARNING - "), "\(run.result.all)")
        let mail = QueuedMail.all(in: postfix)
        #expect(mail.count == 1, "queued: \(mail.map(\.id)), maildrop: \(QueuedMail.maildrop(of: postfix)), run: \(run.result.all)")
        let message = try #require(mail.first)
        #expect(message.recipients.count == 1 && message.recipients[0].split(separator: "@").first == "postmaster", "\(message.recipients)")
        #expect(message.header("Subject") == ["pftls check on \(hostname): WARNING"], "\(message.headers)")
        // The report of the same run, with what the probes saw.
        #expect(message.body.hasPrefix(statusLine + "\n\n") && message.body.contains("Services:") && message.body.contains("Result: "),
                "\(message.body)")
    }

    /// With PFTLS_METRICS_FILE set in /etc/default/pftls, the same single run writes the metrics
    /// into node_exporter's textfile directory, which the sandbox leaves writable (a test
    /// directory stands in for /var/lib/prometheus); a file anywhere else is refused by it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/var/lib/prometheus"), "no /var/lib/prometheus to stand in for (Debian package prometheus)"))
    func theTimersRunWritesTheMetricsFromItsSandbox() throws {
        let prometheus = postfix.root + "/prometheus"
        try FileManager.default.createDirectory(atPath: prometheus + "/node-exporter", withIntermediateDirectories: true)
        let unit = try ServiceSandbox(unitFile: Self.unitFile)
        #expect(unit.readWritePaths.contains { $0.path == "/var/lib/prometheus/node-exporter" && $0.optional }, "\(unit.readWritePaths)")
        let run = try runUnit(unit, ["PFTLS_METRICS_FILE": "/var/lib/prometheus/node-exporter/pftls.prom"], standIns: [(prometheus, "/var/lib/prometheus")])
        #expect(run.result.status == 1 && run.result.output.hasPrefix("PFTLS WARNING - "), "\(run.result.all)")
        let file = prometheus + "/node-exporter/pftls.prom"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try PrometheusText(text).values("pftls_check_status") == [1], "the run's own verdict: \(text)")
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o644)
        if let promtool = PrometheusText.promtool(text) { #expect(promtool.status == 0 && promtool.all.isEmpty, "\(promtool.all)") }
        #expect(QueuedMail.all(in: postfix).count == 1, "and the report is mailed: \(run.result.all)")

        let elsewhere = try runUnit(unit, ["PFTLS_METRICS_FILE": "/var/lib/prometheus/pftls.prom"], standIns: [(prometheus, "/var/lib/prometheus")])
        #expect(elsewhere.result.status == 1 && elsewhere.result.output.hasPrefix("PFTLS WARNING - ")
                && elsewhere.result.output.contains("[metrics-file-failed]") && elsewhere.result.output.contains("cannot write the metrics"),
                "the verdict comes out, and the report says why the metrics are stale: \(elsewhere.result.all)")
        #expect(!FileManager.default.fileExists(atPath: prometheus + "/pftls.prom"))
    }

    @Test func withoutReadWritePathsNothingIsQueuedAndTheRunStillEnds() throws {
        let unit = try ServiceSandbox(unitFile: Self.unitFile).without("ReadWritePaths")
        let run = try runUnit(unit, ["PFTLS_CHECK_MAIL_TIMEOUT": "3"])
        // The check's own status: the script gave up on sendmail, nothing had to kill it.
        #expect(run.result.status == 1, "\(run.result.all)")
        #expect(run.result.error.contains("the report was not mailed"), "\(run.result.error)")
        #expect(run.seconds < 30, "\(run.seconds) s")
        #expect(QueuedMail.all(in: postfix, seconds: 2).isEmpty && QueuedMail.maildrop(of: postfix).isEmpty)
    }

    @Test func theSandboxIsTheOneTheUnitAsksFor() throws {
        // A program the sandbox can see: /etc/postfix is the stand-in configuration.
        let probe = systemConfig + "/sandbox-probe"
        try ExecutableScript.write("""
            #!/bin/sh
            for file in /etc/postfix/probe /usr/probe /var/spool/postfix/probe /var/spool/postfix/maildrop/probe /tmp/probe; do
                if (: > "$file") 2>/dev/null; then rm -f "$file"; echo "$file writable"; else echo "$file read-only"; fi
            done
            echo "/tmp holds $(ls -A /tmp | wc -l), /root $(ls -A /root 2>/dev/null | wc -l)"
            grep '^NoNewPrivs' /proc/self/status

            """, to: probe)
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("pftls-probe-\(getpid())").path
        FileManager.default.createFile(atPath: marker, contents: Data())
        defer { unlink(marker) }
        let run = try ServiceSandbox(unitFile: Self.unitFile).run("/etc/postfix/sandbox-probe", environment: [:],
                                                                  standIns: [(postfix.root + "/queue", "/var/spool/postfix"),
                                                                             (systemConfig, "/etc/postfix")], cap: 20)
        #expect(run.output == """
            /etc/postfix/probe read-only
            /usr/probe read-only
            /var/spool/postfix/probe read-only
            /var/spool/postfix/maildrop/probe writable
            /tmp/probe writable
            /tmp holds 0, /root 0
            NoNewPrivs:\t1

            """, "\(run.all)")
    }

    @Test func theUnitIsBoundedAndInstalledUnderTheNamesItUses() throws {
        let unit = try ServiceSandbox(unitFile: Self.unitFile)
        let limit = try #require(try unit.timeoutStartSeconds(), "TimeoutStartSec=infinity lets a hung run block the timer for good")
        #expect(limit > 0 && limit <= 300)
        let script = try String(contentsOfFile: Self.script, encoding: .utf8)
        let mailLimit = script.firstMatch(of: /PFTLS_CHECK_MAIL_TIMEOUT:-([0-9]+)/).flatMap { Double($0.1) }
        #expect(mailLimit.map { $0 < limit } == true, "sendmail is given up on before the unit is: \(String(describing: mailLimit))")
        let queue = Shell.run("postconf", ["-d", "-h", "queue_directory"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(unit.readWritePaths.contains { $0.path == queue + "/maildrop" }, "\(unit.readWritePaths)")

        let package = try String(contentsOfFile: Self.repository + "/Scripts/package", encoding: .utf8)
        let program = try #require(unit.values("ExecStart").first)
        #expect(package.contains("contrib/systemd/pftls-check-report \"$root\(program)\""))
        for name in ["pftls-check.service", "pftls-check.timer"] {
            #expect(package.contains("contrib/systemd/\(name) \"$root/lib/systemd/system/\(name)\""), "\(name)")
        }
        #expect(unit.values("EnvironmentFile") == ["-/etc/default/pftls"])
        #expect(package.contains("contrib/default/pftls \"$root/etc/default/pftls\""))
    }

    @Test func theSubjectIsFixedTextAndThePrintedLinesStayInTheBody() throws {
        let calls = postfix.root + "/src/calls"
        let fake = try fakePftls(status: 1, calls: calls, standardOutput:
            "PFTLS WARNING - 証明書の期限まであと 10 日、更新してください。 [cert-expiring]\\rBcc: cr@example.test\\nBcc: lf@example.test\\n")
        let run = runScript(fake)
        #expect(run.status == 1, "\(run.all)")
        let invocations = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n")
        #expect(invocations.count == 1 && invocations[0].hasPrefix("check --format nagios --report-file "), "one run: \(invocations)")
        #expect(run.error.contains("Subject: from standard error"), "standard error goes to the journal: \(run.error)")

        let message = try #require(QueuedMail.all(in: postfix).first, "\(run.all)\n\(postfix.maillog)")
        #expect(message.recipients.count == 1 && message.recipients[0].split(separator: "@").first == "postmaster", "\(message.recipients)")
        #expect(message.header("Bcc").isEmpty && message.header("Subject") == ["pftls check on \(hostname): WARNING"], "\(message.headers)")
        // The status line (its carriage return dropped) and the report are the body.
        #expect(message.body.hasPrefix("PFTLS WARNING - 証明書の期限まであと 10 日、更新してください。 [cert-expiring]Bcc: cr@example.test\n\n"),
                "\(message.body)")
        #expect(message.body.contains("REPORT FOR PEOPLE") && !message.body.contains("standard error") && !message.body.contains("lf@"),
                "\(message.body)")
    }

    /// What the script hands sendmail, whatever pftls prints (line ends, carriage returns,
    /// header lines, bytes that are not UTF-8) and however it exits: the same fixed header
    /// block, the Subject chosen by the exit status alone; pftls runs once per check.
    @Test func theHeadersAreFixedWhateverPftlsPrints() throws {
        let hostile = "Bcc: out@example.test\\r\\nSubject: hijacked\\n\\nTo: x@y\\n\\351\\377\\300 end\\n"
        let metrics = postfix.root + "/src/metrics.prom"
        for (status, verdict) in [(1, "WARNING"), (2, "CRITICAL"), (3, "UNKNOWN"), (126, "UNKNOWN")] {
            let calls = postfix.root + "/src/calls-\(status)"
            let fake = try fakePftls(status: status, calls: calls, standardOutput: hostile)
            let mail = postfix.root + "/src/mail-\(status)"
            let sendmail = postfix.root + "/src/sendmail"
            try ExecutableScript.write("#!/bin/sh\ncat > \"$CAPTURE\"\n", to: sendmail)
            let run = runScript(fake, ["SENDMAIL=" + sendmail, "CAPTURE=" + mail, "PFTLS_METRICS_FILE=" + metrics])
            #expect(run.status == Int32(status), "\(run.all)")
            let invocations = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n")
            #expect(invocations.count == 1 && invocations[0].hasPrefix("check --format nagios --report-file ")
                    && invocations[0].hasSuffix(" --metrics-file \(metrics)"), "one run, with the metrics file: \(invocations)")
            let handed = try #require(FileManager.default.contents(atPath: mail), "\(run.all)")
            let separator = try #require(handed.firstRange(of: Data("\n\n".utf8)), "no end of headers: \(handed)")
            let headers = String(decoding: handed[..<separator.lowerBound], as: UTF8.self)
            #expect(headers.split(separator: "\n", omittingEmptySubsequences: false) == [
                "To: postmaster", "Subject: pftls check on \(hostname): \(verdict)", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
            ], "status \(status): \(headers)")
            // The first printed line, without its carriage return, starts the body.
            let body = Data(handed[separator.upperBound...])
            #expect(body.starts(with: Data("Bcc: out@example.test\n\n".utf8)), "\(String(decoding: body, as: UTF8.self))")
        }
    }

    @Test func anOKCheckMailsNothing() throws {
        let fake = try fakePftls(status: 0, calls: postfix.root + "/src/calls", standardOutput: "PFTLS OK - fine | errors=0 warnings=0\\n")
        let run = runScript(fake)
        #expect(run.status == 0 && run.output == "PFTLS OK - fine | errors=0 warnings=0\n", "\(run.all)")
        #expect(QueuedMail.all(in: postfix, seconds: 2).isEmpty && QueuedMail.maildrop(of: postfix).isEmpty)
    }

    /// A pftls that records its arguments in `calls`, writes a report to --report-file,
    /// prints `standardOutput` (printf escapes), noise on standard error, and exits `status`.
    private func fakePftls(status: Int, calls: String, standardOutput: String) throws -> String {
        let path = postfix.root + "/src/pftls"
        return try ExecutableScript.write("""
            #!/bin/sh
            echo "$*" >> \(ServiceSandbox.quoted(calls))
            while [ $# -gt 0 ]; do
                [ "$1" = --report-file ] && printf 'REPORT FOR PEOPLE\\nSubject: in the body\\n' > "$2"
                shift
            done
            printf '\(standardOutput)'
            printf 'Subject: from standard error\\nBcc: stderr@example.test\\n' >&2
            exit \(status)

            """, to: path)
    }

    /// Runs the script outside a sandbox, sendmail queueing into the instance (MAIL_CONFIG),
    /// with `extra` settings (`NAME=value`).
    private func runScript(_ pftls: String, _ extra: [String] = []) -> Shell.Result {
        Shell.run("env", ["-i", "PATH=" + ServiceSandbox.path, "LANG=C.UTF-8", "MAIL_CONFIG=" + postfix.configDirectory,
                          "PFTLS=" + pftls] + extra + [Self.script])
    }
}
