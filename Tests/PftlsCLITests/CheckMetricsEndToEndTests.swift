import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls check --format prometheus` and `--metrics-file` on a real Postfix serving RSA and
/// ECDSA side by side and an SNI entry (`hash:`, built with `postmap -F`) whose ECDSA file was
/// replaced without postmap: the metrics pass `promtool check metrics`, give each leaf's
/// notAfter on disk and as served, 0 where the listener serves the entry's old leaf, the
/// verdict and counts the JSON gives; the file is replaced atomically, 0644, never seen half written.
@Suite(.serialized, .tags(.endToEnd)) struct CheckMetricsEndToEndTests {
    let postfix: ThrowawayPostfix
    let tls: String
    /// The leaves on disk (rsa, ecdsa, a) and the leaf Postfix still serves for a.example.test (served-a).
    let leaves: [String: Certificate]

    init() throws {
        let fixtures: CLIFixtures
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        tls = postfix.root + "/tls"
        mkdir(tls, 0o700)
        var leaves: [String: Certificate] = [:]
        for (file, name, kind) in [("rsa", "mail.example.test", KeyGenerator.Kind.rsa(bits: 2048)), ("ecdsa", "mail.example.test", .ec(curve: "P-256")),
                                   ("a", "a.example.test", .ec(curve: "P-256"))] {
            leaves[file] = try CheckSNIEndToEndTests.writeChain(tls + "/\(file).pem", names: [name], kind: kind, pki: fixtures.pki)
        }
        mkdir(tls + "/trust", 0o755)
        FileManager.default.createFile(atPath: tls + "/trust/root.pem", contents: Data(fixtures.root.pem.utf8))
        _ = Shell.run("openssl", ["rehash", tls + "/trust"])
        FileManager.default.createFile(atPath: tls + "/sni", contents: Data("a.example.test \(tls)/a.pem\n".utf8), attributes: [.posixPermissions: 0o600])
        try CheckSNIEndToEndTests.postmap(tls + "/sni")
        postfix.postconf(["-e", "myhostname=mail.example.test", "smtpd_tls_security_level=may",
                          "smtpd_tls_chain_files=\(tls)/rsa.pem, \(tls)/ecdsa.pem", "tls_server_sni_maps=hash:\(tls)/sni"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try postfix.start()
        // The entry's file replaced without postmap: the database still holds (and serves) the old leaf.
        leaves["served-a"] = leaves["a"]
        leaves["a"] = try CheckSNIEndToEndTests.writeChain(tls + "/a.pem", names: ["a.example.test"], kind: .ec(curve: "P-256"), pki: fixtures.pki)
        self.leaves = leaves
    }

    private func check(_ extra: [String]) throws -> Pftls.Result {
        try Pftls.run(["check", "--config-dir", postfix.configDirectory] + extra, environment: ["SSL_CERT_DIR": tls + "/trust"])
    }

    /// `promtool check metrics` finds no problem in `text` (Scripts/test installs promtool).
    private func expectPromtoolAccepts(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try #require(PrometheusText.promtool(text), "promtool is not installed (apt-get install prometheus)", sourceLocation: sourceLocation)
        #expect(result.status == 0 && result.all.isEmpty, "promtool: \(result.all)\n\(text)", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: PrometheusText.promtool("") != nil, "promtool is not installed (Debian package prometheus)"))
    func theMetricsPassPromtool() throws {
        let result = try check(["--format", "prometheus"])
        #expect(result.status == 1 && result.standardOutput.hasSuffix("\n"), "\(result.all)")
        try expectPromtoolAccepts(result.standardOutput)
    }

    @Test func theMetricsGiveWhatTheCheckFound() throws {
        let before = Date().timeIntervalSince1970.rounded(.down)
        let result = try check(["--format", "prometheus"])
        let after = Date().timeIntervalSince1970.rounded(.up)
        // CRITICAL (a stale served certificate): exit 1, as text and JSON.
        #expect(result.status == 1, "\(result.all)")
        let metrics = try PrometheusText(result.standardOutput)
        #expect(metrics.samples.allSatisfy { $0.labels["config_dir"] == postfix.configDirectory })
        let time = try #require(metrics.values("pftls_check_timestamp_seconds").first)
        #expect(time >= before && time <= after, "\(before) ≤ \(time) ≤ \(after)")
        #expect(metrics.values("pftls_check_status") == [2])

        let expiry = "pftls_certificate_expiry_timestamp_seconds"
        func notAfter(_ name: String) -> [Double] { [leaves[name]!.notAfter.timeIntervalSince1970] }
        #expect(metrics.values(expiry, ["source": "file", "key_type": "RSA", "sni": "", "file": tls + "/rsa.pem"]) == notAfter("rsa"), "\(result.standardOutput)")
        #expect(metrics.values(expiry, ["source": "file", "key_type": "ECDSA", "sni": ""]) == notAfter("ecdsa"))
        #expect(metrics.values(expiry, ["source": "file", "sni": "a.example.test"]) == notAfter("a"))
        let smtp = ["service": postfix.smtpListen, "address": postfix.smtpListen]
        #expect(metrics.values(expiry, smtp.merging(["source": "served", "key_type": "RSA", "sni": ""]) { $1 }) == notAfter("rsa"))
        #expect(metrics.values(expiry, smtp.merging(["source": "served", "key_type": "ECDSA", "sni": ""]) { $1 }) == notAfter("ecdsa"))
        #expect(metrics.values(expiry, smtp.merging(["source": "served", "key_type": "ECDSA", "sni": "a.example.test"]) { $1 }) == notAfter("served-a"))
        let serves = "pftls_listener_serves_installed"
        #expect(metrics.values(serves, smtp.merging(["key_type": "RSA", "sni": ""]) { $1 }) == [1])
        #expect(metrics.values(serves, smtp.merging(["key_type": "ECDSA", "sni": ""]) { $1 }) == [1])
        #expect(metrics.values(serves, smtp.merging(["key_type": "ECDSA", "sni": "a.example.test"]) { $1 }) == [0], "\(result.standardOutput)")
        #expect(metrics.values("pftls_listener_up", smtp).allSatisfy { $0 == 1 } && metrics.values("pftls_listener_up", smtp).count == 3)
        #expect(metrics.values("pftls_certificate_lifetime_remaining_ratio").allSatisfy { $0 > 0.99 && $0 <= 1 })

        // The counts are the JSON's, for the same set-up.
        let json = try check(["--json"])
        let counts = try #require((try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])?["counts"] as? [String: Int])
        for severity in ["info", "warning", "error"] {
            #expect(metrics.values("pftls_findings", ["severity": severity]) == [Double(counts[severity] ?? -1)], "\(severity): \(counts)")
        }
    }

    @Test(.enabled(if: PrometheusText.promtool("") != nil, "promtool is not installed (Debian package prometheus)"))
    func oddLabelValuesStillPassPromtool() throws {
        var exposition = PrometheusExposition()
        let family = PrometheusExposition.Family(gauge: "pftls_test_seconds", help: "A test \\ family\nwith two lines.")
        for value in ["", "\"", "\\", "\n", "\\n", "a\"b\\c\nd", "日本\r\n", "\t"] + ["\""] {
            exposition.add(family, [("config_dir", "/etc/postfix"), ("file", value)], 1)
        }
        try expectPromtoolAccepts(exposition.text)
    }

    @Test func theMetricsFileIsReplacedWholeWithMode0644WhileStandardOutputKeepsItsFormat() throws {
        let directory = postfix.root + "/textfile"
        mkdir(directory, 0o755)
        let file = directory + "/pftls.prom"
        FileManager.default.createFile(atPath: file, contents: Data("# old\n".utf8), attributes: [.posixPermissions: 0o600])
        let oldInode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? UInt64)
        // Kept alive by a second name, the old file's inode number cannot be given to a new file:
        // "another inode" then proves the file was replaced, not rewritten.
        try #require(link(file, postfix.root + "/old-metrics") == 0)
        // A reader that keeps reading the file while it is replaced: every read is a whole file.
        let reader = FileReader(file)
        defer { reader.stop() }
        // A umask that would leave the file unreadable to node_exporter, were the mode not set.
        var runs: [Pftls.Result] = []
        for _ in 0..<3 {
            runs.append(try Pftls.runProgram("/bin/sh", ["-c", "umask 077; exec \"$0\" \"$@\"", Pftls.executable, "check", "--config-dir", postfix.configDirectory,
                                                    "--no-probe", "--format", "nagios", "--metrics-file", file], environment: ["SSL_CERT_DIR": tls + "/trust"]))
        }
        let reads = reader.stop()
        let last = try #require(runs.last)
        #expect(last.standardOutput.hasPrefix("PFTLS ") && last.standardOutput.split(separator: "\n").count == 1, "\(last.all)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let metrics = try PrometheusText(text)
        #expect(metrics.values("pftls_check_status") == [Double(last.status)], "the file's verdict is the run's: \(last.all)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o644 && (attributes[.systemFileNumber] as? UInt64) != oldInode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pftls.prom"], "no temp file left")
        #expect(reads.count > 10, "the reader ran: \(reads.count)")
        for read in reads.distinct where read != "# old\n" {
            #expect(read.hasSuffix("\n") && read.contains("# TYPE pftls_listener_serves_installed gauge\n") && (try? PrometheusText(read)) != nil,
                    "a partial file was seen: \(read)")
        }
    }

    /// A metrics file that cannot be written is a warning of the check itself: the verdict and
    /// the report still come out (the timer mails what is wrong, not a bare exit status).
    @Test func aDirectoryOrAMissingDirectoryIsAWarningOfTheCheckNotALostVerdict() throws {
        let directory = postfix.root + "/textfile"
        mkdir(directory, 0o755)
        let refused = try check(["--no-probe", "--metrics-file", directory])
        #expect(refused.standardOutput.contains("[metrics-file-failed]") && refused.standardOutput.contains("--metrics-file \(directory) is a directory")
                && refused.standardOutput.contains("\(directory)/pftls.prom") && refused.standardOutput.contains("Result: "), "\(refused.all)")
        let baseline = try check(["--no-probe", "--format", "nagios"])
        let missing = try check(["--no-probe", "--format", "nagios", "--metrics-file", postfix.root + "/none/pftls.prom"])
        let warnings = { (line: String) in line.split(separator: " ").first { $0.hasPrefix("warnings=") }.flatMap { Int($0.dropFirst(9)) } }
        #expect(missing.status == baseline.status && missing.standardOutput.hasPrefix("PFTLS "), "the check's own verdict: \(missing.all)")
        #expect(warnings(missing.standardOutput).map { $0 - 1 } == warnings(baseline.standardOutput), "one warning more: \(missing.all)")
        let json = try check(["--no-probe", "--json", "--metrics-file", postfix.root + "/none/pftls.prom"])
        #expect(json.standardOutput.contains("\"metrics-file-failed\"") && json.standardOutput.contains("the directory \(postfix.root)/none does not exist"),
                "\(json.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: postfix.root + "/none"))
        let japanese = try Pftls.run(["--lang", "ja", "check", "--config-dir", postfix.configDirectory, "--no-probe", "--metrics-file", directory])
        #expect(japanese.standardOutput.contains("はディレクトリです"), "\(japanese.all)")
    }
}

/// Reads a file over and over on another thread until stopped; keeps what it read.
private final class FileReader: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var distinct: Set<String> = []
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(_ path: String) {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                if let data = FileManager.default.contents(atPath: path) {
                    lock.withLock {
                        count += 1
                        distinct.insert(String(decoding: data, as: UTF8.self))
                    }
                }
                usleep(200)
            }
            done.signal()
        }
    }

    /// Stops the reader (once) and returns how many reads it made and the different texts read.
    @discardableResult
    func stop() -> (count: Int, distinct: Set<String>) {
        let wasRunning = lock.withLock { () -> Bool in
            defer { running = false }
            return running
        }
        if wasRunning { done.wait() }
        return lock.withLock { (count, distinct) }
    }
}
