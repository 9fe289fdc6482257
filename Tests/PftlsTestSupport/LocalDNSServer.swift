import Foundation
@testable import PftlsCore

/// A real authoritative DNS server on loopback (dnsmasq from dnsmasq-base), serving
/// only the records a test gives it: every name under `.test` is local, so nothing
/// is forwarded and no test touches the network.
package final class LocalDNSServer {
    package let directory: String
    package private(set) var port = 0
    /// The loopback address it listens on: 127.0.0.1, or ::1.
    package let listenAddress: String
    private var pid: pid_t = 0

    /// Records in dnsmasq's own syntax, e.g. `mx-host=example.test,mail.example.test,10`,
    /// served on `listenAddress`.
    package init(_ records: [String], listenAddress: String = "127.0.0.1") throws {
        directory = TemporaryDirectory.create("pftls-dns", under: "/var/tmp")
        self.listenAddress = listenAddress
        try serve(records)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `--resolver`'s value for this server.
    package var address: String { ResolverChoice.display(address: listenAddress, port: port) }

    /// A resolver that asks this server.
    package var resolver: SystemResolver { SystemResolver(server: (listenAddress, port), timeout: 1, attempts: 1) }

    /// Replaces the records: the server restarts with them (on a new port when the old one is taken).
    package func serve(_ records: [String]) throws {
        stop()
        let configuration = directory + "/dnsmasq.conf"
        try (["local=/test/", "local-ttl=300"] + records).joined(separator: "\n").appending("\n")
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        for _ in 0..<5 {
            port = ThrowawayPostfix.freePorts(1)[0]
            pid = try Spawn.start("/usr/sbin/dnsmasq", ["--keep-in-foreground", "--conf-file=\(configuration)", "--no-resolv", "--no-hosts",
                                                        "--no-poll", "--port=\(port)", "--listen-address=\(listenAddress)", "--bind-interfaces",
                                                        "--pid-file=\(directory)/pid", "--user=\(NSUserName())", "--log-facility=\(directory)/log"])
            for _ in 0..<50 {
                if case .success = resolver.lookup("ready.probe.test", type: .a) { return }
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { pid = 0; break }
                usleep(50_000)
            }
            stop()
        }
        throw Shell.Failure(description: "dnsmasq did not start: \((try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? "")")
    }

    package func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }

    /// A `dns-rr` line publishing `record` at `_25._tcp.NAME`.
    package static func tlsa(_ name: String, _ record: TLSARecord) -> String {
        "dns-rr=_25._tcp.\(name),52,\(Hex.lowercase([record.usage, record.selector, record.matchingType] + record.data))"
    }
}
