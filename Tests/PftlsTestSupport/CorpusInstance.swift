import Foundation
@testable import PftlsCore

/// A throwaway Postfix instance made from a main.cf/master.cf pair written by others
/// (Tests/PftlsCLITests/Corpus/pairs/NAME, each with a SOURCE note).
///
/// The pair is installed as an administrator would move it to this host: the directory
/// parameters that name another distribution's layout (daemon_directory, ...) take this
/// Postfix's defaults, the queue, data directory and log are the instance's own, and every
/// inet listener moves to a free loopback port, so nothing binds a public address or a
/// port a system Postfix may hold. Everything else is as the authors wrote it.
///
/// The authors' configs name their milters, relays, DNSBLs and databases on other hosts.
/// The instance, pftls and every probe therefore run in a network namespace of their own
/// with nothing but loopback: a connection to any other address fails at once
/// ("Network is unreachable") and no packet leaves the machine.
package final class CorpusInstance: @unchecked Sendable {
    package let name: String
    package let root: String
    package let configDirectory: String
    /// The network namespace everything runs in.
    package let network: NetworkNamespace
    /// `ip netns exec NAMESPACE`: put before a command to run it in the namespace.
    package var inNamespace: [String] { network.prefix }
    /// The loopback port each chosen mail service listens on, after the move.
    package private(set) var ports: [Answers.ServiceName: Int] = [:]

    /// The corpus directory in the source tree.
    package static var corpusDirectory: String {
        Repository.path("Tests/PftlsCLITests/Corpus")
    }

    /// The names of the pairs, sorted; PFTLS_CORPUS=NAME[,NAME] picks some (for debugging one).
    package static var pairNames: [String] {
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory + "/pairs")) ?? []).sorted()
        guard let chosen = ProcessInfo.processInfo.environment["PFTLS_CORPUS"]?.split(separator: ",").map(String.init) else { return all }
        return all.filter(chosen.contains)
    }

    /// Host-specific parameters that take this Postfix's defaults.
    package static let hostParameters = ["command_directory", "daemon_directory", "meta_directory", "shlib_directory", "sendmail_path",
                                 "newaliases_path", "mailq_path", "manpage_directory", "html_directory", "readme_directory",
                                 "sample_directory", "mail_owner", "setgid_group", "import_environment", "multi_instance_directories",
                                 "multi_instance_enable", "multi_instance_name", "multi_instance_wrapper", "multi_instance_group",
                                 "syslog_name", "maillog_file", "maillog_file_prefixes", "postlog_service_name"]

    /// Installs pair `name`; `transform` may rewrite the files first (CRLF, no final newline).
    /// Host adaptations besides the directories: the postlog service that `maillog_file`
    /// needs, /etc/mailname as a file of the instance, and Red Hat's /etc/pki/tls/certs as
    /// Debian's /etc/ssl/certs.
    package init(pair name: String, transform: (String) -> String = { $0 }) throws {
        self.name = name
        root = TemporaryDirectory.create("pftls-corpus", under: "/var/tmp")
        chmod(root, 0o755)
        configDirectory = root + "/conf"
        network = try NetworkNamespace(name: "pftls-" + URL(fileURLWithPath: root).lastPathComponent)
        for directory in ["conf", "queue", "data", "src"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        chmod(root + "/src", 0o700)
        _ = Shell.run("chown", ["postfix", root + "/data"])
        let source = Self.corpusDirectory + "/pairs/" + name
        var main = MainConfig(parsing: try String(contentsOfFile: source + "/main.cf", encoding: .utf8))
        var master = MasterConfig(parsing: try String(contentsOfFile: source + "/master.cf", encoding: .utf8))
        for parameter in Self.hostParameters where main.value(of: parameter) != nil { main.remove(parameter) }
        try main.set("queue_directory", root + "/queue")
        try main.set("data_directory", root + "/data")
        try main.set("maillog_file", root + "/maillog")
        try main.set("maillog_file_prefixes", root)
        try main.set("inet_interfaces", "loopback-only")
        try main.set("inet_protocols", "ipv4")
        try moveListenersToLoopback(&master)
        // maillog_file needs the postlog service (`postfix upgrade-configuration` adds it).
        if master.service(ServiceKey("postlog", "unix-dgram")) == nil {
            try master.add(MasterService(name: "postlog", type: "unix-dgram", privateAccess: "n", chroot: "n", processLimit: "1", command: "postlogd"))
        }
        // Files of the authors' hosts that this host has elsewhere or not at all.
        FileManager.default.createFile(atPath: root + "/mailname", contents: Data("mail.example.test\n".utf8))
        let hostPaths = ["/etc/mailname": root + "/mailname", "/etc/pki/tls/certs": "/etc/ssl/certs"]
        var mainText = main.render()
        for (theirs, ours) in hostPaths { mainText = mainText.replacingOccurrences(of: theirs, with: ours) }
        main = MainConfig(parsing: mainText)
        try transform(main.render()).write(toFile: configDirectory + "/main.cf", atomically: true, encoding: .utf8)
        try transform(master.render()).write(toFile: configDirectory + "/master.cf", atomically: true, encoding: .utf8)
        for file in ["main.cf", "master.cf"] { ThrowawayPostfix.backdate(configDirectory + "/" + file) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Every active inet service moves to 127.0.0.1 on a free port; the mail services' ports are kept.
    private func moveListenersToLoopback(_ master: inout MasterConfig) throws {
        let inet = master.services.map(\.service).filter { $0.type == "inet" }
        let free = ThrowawayPostfix.freePorts(inet.count + 3)
        var next = free.makeIterator()
        for service in inet {
            guard let port = next.next() else { break }
            var moved = service
            moved.name = "127.0.0.1:\(port)"
            try master.replace(service.key, with: moved)
            switch ServiceNaming.portNumber(service.key.service) {
            case 25? where ports[.smtp] == nil: ports[.smtp] = port
            case 587? where ports[.submission] == nil: ports[.submission] = port
            case 465? where ports[.submissions] == nil: ports[.submissions] = port
            default: break
            }
        }
        for service in [Answers.ServiceName.smtp, .submission, .submissions] where ports[service] == nil {
            ports[service] = next.next()
        }
    }

    @discardableResult
    package func postconf(_ arguments: [String]) -> Shell.Result { Shell.run("postconf", ["-c", configDirectory] + arguments) }

    /// Starts the instance in its namespace; true when its smtp listener greets with 220
    /// (smtpd can start on this host with this config).
    package func startAndGreet() -> Bool {
        guard network.run("postfix", ["-c", configDirectory, "start"]).status == 0,
              let port = ports[.smtp] else { return false }
        // python3's socket timeouts need no signals (a test runner may hand its children a
        // signal mask in which timeout(1)'s SIGALRM never arrives).
        let script = """
        import socket, sys, time
        end = time.time() + 8
        while time.time() < end:
            try:
                s = socket.create_connection(("127.0.0.1", \(port)), timeout=2)
                s.settimeout(5)
                sys.stdout.write(s.recv(3).decode("ascii", "replace"))
                break
            except OSError:
                time.sleep(0.2)
        """
        return network.run("python3", ["-c", script]).output.hasPrefix("220")
    }

    package func stop() { network.run("postfix", ["-c", configDirectory, "stop"]) }

    /// Runs pftls in the namespace.
    package func pftls(_ arguments: [String]) throws -> Pftls.Result {
        try Pftls.run(arguments, prefix: inNamespace)
    }

    package var maillog: String { (try? String(contentsOfFile: root + "/maillog", encoding: .utf8)) ?? "" }

    /// Both files, byte for byte.
    package func configFiles() -> [String: Data] {
        ConfigFiles.snapshot(configDirectory)
    }

    /// What Postfix says about the config: settings, services, per-service overrides, and its complaints.
    package func postfixView() -> (settings: [String: String], services: [String], overrides: [String: String], complaints: Set<String>) {
        let n = postconf(["-n"])
        let m = postconf(["-M"])
        let p = postconf(["-P"])
        var settings = PostfixDefaults.parse(postconfOutput: n.output)
        settings["config_directory"] = nil
        let services = m.output.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
        var overrides: [String: String] = [:]
        for line in p.output.split(separator: "\n") {
            guard let equals = line.range(of: " = ") else { continue }
            overrides[String(line[..<equals.lowerBound])] = String(line[equals.upperBound...])
        }
        let complaints = PostfixComplaint.lines(of: n.error + "\n" + m.error + "\n" + p.error, directory: configDirectory, configDirectory: configDirectory)
        return (settings, services, overrides, Set(complaints.map(\.identity)))
    }
}
