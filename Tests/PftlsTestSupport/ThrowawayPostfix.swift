import Foundation

/// A real Postfix instance for one test: its own config, queue and data
/// directories under /var/tmp, listening on free loopback ports only
/// (as ../shared/guide/POSTFIX-FACTS.md describes). Stopped and removed afterwards.
package final class ThrowawayPostfix: @unchecked Sendable {
    package let root: String
    package let configDirectory: String
    package let smtpPort: Int
    package let submissionPort: Int
    package let submissionsPort: Int

    /// The stock Debian 12 files shipped in Resources/debian12.
    package static var stockDirectory: String { Repository.path("Resources/debian12") }

    /// True when the instance speaks IPv6 only (`inet_protocols = ipv6`).
    package let ipv6Only: Bool

    /// The loopback address its services listen on.
    package var loopback: String { ipv6Only ? "[::1]" : "127.0.0.1" }
    /// The listen address of smtp, as master.cf and the answers write it.
    package var smtpListen: String { "\(loopback):\(smtpPort)" }

    /// Creates the instance from the stock files; smtp moves to a loopback port
    /// (`[::1]` with `ipv6Only`, which also sets `inet_protocols = ipv6`).
    /// Only an end-to-end test may (`EndToEnd.requireTag`).
    package init(ipv6Only: Bool = false) throws {
        EndToEnd.requireTag(starting: "a throwaway Postfix")
        self.ipv6Only = ipv6Only
        // Postfix's own user must be able to reach the queue: not under a 0700 directory.
        root = TemporaryDirectory.create("pftls-postfix", under: "/var/tmp")
        chmod(root, 0o755)
        configDirectory = root + "/conf"
        for directory in ["conf", "queue", "data", "src"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        chmod(root + "/src", 0o700)
        _ = Shell.run("chown", ["postfix", root + "/data"])
        let ports = Self.freePorts(3)
        (smtpPort, submissionPort, submissionsPort) = (ports[0], ports[1], ports[2])
        let main = try String(contentsOfFile: Self.stockDirectory + "/main.cf", encoding: .utf8)
        var master = try String(contentsOfFile: Self.stockDirectory + "/master.cf", encoding: .utf8)
        master = master.replacingOccurrences(of: "\nsmtp      inet", with: "\n\(ipv6Only ? "[::1]" : "127.0.0.1"):\(smtpPort) inet")
        try main.write(toFile: configDirectory + "/main.cf", atomically: true, encoding: .utf8)
        try master.write(toFile: configDirectory + "/master.cf", atomically: true, encoding: .utf8)
        postconf(["-e",
                  "queue_directory=\(root)/queue", "data_directory=\(root)/data",
                  "maillog_file=\(root)/maillog", "maillog_file_prefixes=\(root)",
                  "inet_interfaces=loopback-only", "inet_protocols=\(ipv6Only ? "ipv6" : "ipv4")",
                  // The stock snakeoil files may be missing on a test machine.
                  "smtpd_tls_security_level=none"])
        postconf(["-X", "smtpd_tls_cert_file", "smtpd_tls_key_file"])
        // Files modified within the last second make postconf wait; backdate them.
        for name in ["main.cf", "master.cf"] { Self.backdate(configDirectory + "/" + name) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    @discardableResult
    package func postconf(_ arguments: [String]) -> Shell.Result { Shell.run("postconf", ["-c", configDirectory] + arguments) }

    package func start() throws {
        let result = Shell.run("postfix", ["-c", configDirectory, "start"])
        guard result.status == 0 else { throw Shell.Failure(description: "postfix start failed: \(result.all)\n\(maillog)") }
    }

    package func stop() { _ = Shell.run("postfix", ["-c", configDirectory, "stop"]) }

    package func reload() { _ = Shell.run("postfix", ["-c", configDirectory, "reload"]) }

    package var maillog: String { (try? String(contentsOfFile: root + "/maillog", encoding: .utf8)) ?? "" }

    package static func backdate(_ path: String) {
        var times = [timespec(tv_sec: time(nil) - 10, tv_nsec: 0), timespec(tv_sec: time(nil) - 10, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    /// Ports the kernel hands out as free right now.
    package static func freePorts(_ count: Int) -> [Int] {
        var sockets: [Int32] = []
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(fd, $0, length) ; _ = getsockname(fd, $0, &length) }
            }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
            sockets.append(fd)
        }
        sockets.forEach { close($0) }
        return ports
    }
}

/// Runs a command to completion.
package enum Shell {
    package struct Result {
        package let status: Int32
        package let output: String
        package let error: String
        package var all: String { output + error }
    }

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
        package init(description: String) { self.description = description }
    }

    package static func run(_ program: String, _ arguments: [String], input: String? = nil) -> Result {
        let process = Process()
        let candidates = ["/usr/sbin/", "/usr/bin/", "/bin/", "/sbin/"].map { $0 + program }
        process.executableURL = URL(fileURLWithPath: candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? program)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        do { try process.run() } catch { return Result(status: 127, output: "", error: "\(error)") }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let errorReader = PipeReader(error)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                      error: String(decoding: errorReader.wait(), as: UTF8.self))
    }
}
