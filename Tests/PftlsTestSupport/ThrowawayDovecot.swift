import CSystemShim
import Foundation

/// A real Dovecot instance for one test, separate from any system Dovecot: its own config
/// (`conf/dovecot.conf` including `conf/conf.d/*.conf`, the ssl lines in `conf.d/10-ssl.conf`,
/// in the installed version's syntax), its own base_dir (`run`), state_dir (`state`) and log
/// (`dovecot.log`) under a directory in /var/tmp, and the listeners imap, imaps, pop3, pop3s and
/// sieve on free ports of 127.0.0.1 (as ../shared/guide/DOVECOT-AND-SNI-FACTS.md describes).
/// Needs Debian's dovecot-imapd, dovecot-pop3d and dovecot-managesieved (Scripts/test installs
/// them) and root. Killed and removed afterwards, and killed too if the test process dies.
package final class ThrowawayDovecot: @unchecked Sendable {
    /// The instance's directory (0755: Dovecot's own users reach base_dir below it).
    package let root: String
    package private(set) var listeners: [DovecotListener]
    /// What the config files hold; `rewrite` changes it.
    package private(set) var config: DovecotTestConfig
    /// The shell that runs `dovecot -F` and leads its process group; 0 when stopped.
    private var supervisor: pid_t = 0
    /// The write end of the supervisor's standard input: when it closes, even because the
    /// test process died, the supervisor kills its group (`read; kill -KILL 0`).
    private var lifeline: Int32 = -1

    package var syntax: DovecotSyntax { config.syntax }
    package var configDirectory: String { root + "/conf" }
    /// The file to pass to `doveconf -c`, `doveadm -c` and `dovecot -c`.
    package var configPath: String { configDirectory + "/dovecot.conf" }
    /// The file that holds the ssl lines.
    package var sslConfigPath: String { configDirectory + "/conf.d/10-ssl.conf" }
    package var logPath: String { root + "/dovecot.log" }
    /// The listener named `name` (`imap`, `imaps`, `pop3`, `pop3s`, `sieve`).
    package func listener(_ name: String) -> DovecotListener { listeners.first { $0.name == name }! }

    /// Writes the config of an instance that serves `certificate` (leaf, then intermediates)
    /// with `key`, in `syntax` (the installed Dovecot's unless given), with `ssl = ssl`, in a new
    /// directory under /var/tmp unless `root` (an existing directory) is given. Does not start it.
    /// Only an end-to-end test may (`EndToEnd.requireTag`).
    package init(certificate: String, key: String, syntax: DovecotSyntax? = nil, ssl: String = "required", root: String? = nil) throws {
        EndToEnd.requireTag(starting: "a throwaway Dovecot")
        self.root = root ?? Self.makeRoot()
        listeners = DovecotListener.standard(ports: ThrowawayPostfix.freePorts(5))
        config = DovecotTestConfig(syntax: try syntax ?? .installed(), root: self.root, certificate: certificate, key: key, listeners: listeners)
        config.ssl = ssl
        for directory in ["conf/conf.d", "run", "state"] {
            try FileManager.default.createDirectory(atPath: self.root + "/" + directory, withIntermediateDirectories: true)
        }
        try writeConfig()
    }

    /// An instance with a new test PKI in `root/src` (0700) and leaf `leaf` issued for
    /// mail.example.test (`leaf.pem`, `leaf.key`) in its ssl lines. Not started.
    package static func withFixtures(leaf: String = "a", syntax: DovecotSyntax? = nil) throws -> (ThrowawayDovecot, CLIFixtures) {
        let root = makeRoot()
        try FileManager.default.createDirectory(atPath: root + "/src", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let fixtures = try CLIFixtures(directory: root + "/src")
        try fixtures.issueLeaf(leaf)
        return (try ThrowawayDovecot(certificate: fixtures.path(leaf + ".pem"), key: fixtures.path(leaf + ".key"), syntax: syntax, root: root), fixtures)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Changes the config and writes every file again (a running instance needs `reload`).
    package func rewrite(_ change: (inout DovecotTestConfig) -> Void) throws {
        change(&config)
        try writeConfig()
    }

    /// Starts `dovecot -F -c CONF` and waits, at most `timeout` seconds, until every listener
    /// completes a TLS handshake, or only accepts connections when `waitForTLS` is false
    /// (an instance meant to fail its handshakes). Throws with the output and log when it
    /// exits or does not get there.
    /// Free ports are picked before Dovecot binds them: a test running beside this one may take
    /// one first, and Dovecot then exits with `Address already in use`. Up to three times, the
    /// instance moves to new free ports and starts again.
    package func start(timeout: Double = 15, waitForTLS: Bool = true) throws {
        for attempt in 1...3 {
            do {
                return try startOnce(timeout: timeout, waitForTLS: waitForTLS)
            } catch let failure as Shell.Failure where failure.description.contains("Address already in use") && attempt < 3 {
                listeners = DovecotListener.standard(ports: ThrowawayPostfix.freePorts(5))
                config.listeners = listeners
                try writeConfig()
            }
        }
    }

    private func startOnce(timeout: Double, waitForTLS: Bool) throws {
        precondition(supervisor == 0, "already started")
        var ends: [Int32] = [-1, -1]
        guard pftls_pipe_cloexec(&ends) == 0 else { throw Shell.Failure(description: "pipe failed: errno \(errno)") }
        defer { close(ends[0]) }
        let script = #"{ /usr/sbin/dovecot -F -c "$1" </dev/null; echo "dovecot exited with status $?"; } & read _; kill -KILL 0"#
        supervisor = try Spawn.start("/bin/sh", ["-c", script, "sh", configPath], ownGroup: true, output: root + "/dovecot.out", input: ends[0])
        lifeline = ends[1]
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let output = (try? String(contentsOfFile: root + "/dovecot.out", encoding: .utf8)) ?? ""
            if output.contains("dovecot exited with status") {
                stop()
                throw Shell.Failure(description: "dovecot -F -c \(configPath) failed: \(output)\n\(log)")
            }
            if FileManager.default.fileExists(atPath: root + "/run/master.pid"), ready(tls: waitForTLS) { return }
            if Date() > deadline {
                let probes = listeners.map { "\($0): \(SClientProbe($0).output)" }.joined(separator: "\n")
                stop()
                throw Shell.Failure(description: "dovecot not ready after \(timeout) s: \(output)\n\(log)\n\(probes)")
            }
            usleep(50_000)
        }
    }

    /// `doveadm -c CONF reload`, then waits (at most 5 s) until the master logs
    /// `SIGHUP received - reloading configuration`. Returns the log written since the reload
    /// began. Like the real command it does not report a failed reload: a missing file keeps
    /// the old certificate (the log says `Error reading configuration`); probe to know.
    @discardableResult
    package func reload() throws -> String {
        let before = Array(log.utf8).count
        let reloads = log.components(separatedBy: "SIGHUP received").count
        let result = doveadm(["reload"])
        guard result.status == 0 else { throw Shell.Failure(description: "doveadm reload: exit \(result.status): \(result.all)") }
        let deadline = Date().addingTimeInterval(5)
        while log.components(separatedBy: "SIGHUP received").count == reloads {
            guard Date() < deadline else { throw Shell.Failure(description: "no reload logged after doveadm reload:\n\(log)") }
            usleep(20_000)
        }
        return String(decoding: Array(log.utf8).dropFirst(before), as: UTF8.self)
    }

    /// Kills the instance and every process it started (idempotent).
    package func stop() {
        guard supervisor != 0 else { return }
        kill(-supervisor, SIGKILL)
        var status: Int32 = 0
        waitpid(supervisor, &status, 0)
        close(lifeline)
        (supervisor, lifeline) = (0, -1)
    }

    /// True while the instance runs.
    package var isRunning: Bool { supervisor != 0 }

    /// Dovecot's log (log_path).
    package var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// `doveconf -c CONF ARGUMENTS`.
    package func doveconf(_ arguments: [String]) -> Shell.Result { Shell.run("doveconf", ["-c", configPath] + arguments) }

    /// `doveadm -c CONF ARGUMENTS`.
    package func doveadm(_ arguments: [String]) -> Shell.Result { Shell.run("doveadm", ["-c", configPath] + arguments) }

    /// What `openssl s_client` receives from each listener now, by listener name.
    package func probeAll(serverName: String = "mail.example.test") -> [String: SClientProbe] {
        Dictionary(uniqueKeysWithValues: listeners.map { ($0.name, SClientProbe($0, serverName: serverName)) })
    }

    /// The SHA-256 fingerprint of the leaf each listener serves now, by listener name
    /// (nil where no handshake happened).
    package func servedSHA256(serverName: String = "mail.example.test") -> [String: String?] {
        probeAll(serverName: serverName).mapValues(\.sha256)
    }

    private func writeConfig() throws {
        for file in config.files {
            try file.text.write(toFile: configDirectory + "/" + file.path, atomically: true, encoding: .utf8)
        }
    }

    /// True when every listener accepts a connection and, with `tls`, completes a handshake.
    private func ready(tls: Bool) -> Bool {
        listeners.allSatisfy { listener in
            tls ? SClientProbe(listener, serverName: "localhost").leafPEM != nil : Self.accepts(port: listener.port)
        }
    }

    /// True when 127.0.0.1:`port` accepts a TCP connection.
    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A new directory `/var/tmp/pftls-dovecot-XXXXXX`, 0755 so that Dovecot's users reach base_dir.
    private static func makeRoot() -> String {
        let root = TemporaryDirectory.create("pftls-dovecot", under: "/var/tmp")
        chmod(root, 0o755)
        return root
    }
}
