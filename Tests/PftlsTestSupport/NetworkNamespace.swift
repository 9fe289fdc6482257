import Foundation

/// A network namespace of a test's own (`ip netns`): loopback only, so a connection to
/// any other address fails at once ("Network is unreachable"), no packet leaves the
/// machine, and every port is free (a Postfix in it may listen on 25 beside the
/// system's). Without `ipv4Loopback`, 127.0.0.1 is taken off too: a host or container
/// that has IPv6 alone. Deleted with the value; needs root and iproute2.
package final class NetworkNamespace: @unchecked Sendable {
    package let name: String

    /// `ip netns exec NAME`: put before a command to run it in the namespace.
    package var prefix: [String] { ["/usr/sbin/ip", "netns", "exec", name] }

    /// Creates the namespace `name` with loopback up (with or without 127.0.0.1).
    package init(name: String, ipv4Loopback: Bool = true) throws {
        self.name = name
        guard Shell.run("ip", ["netns", "add", name]).status == 0,
              run("ip", ["link", "set", "lo", "up"]).status == 0,
              ipv4Loopback || run("ip", ["addr", "del", "127.0.0.1/8", "dev", "lo"]).status == 0 else {
            _ = Shell.run("ip", ["netns", "del", name])
            throw Shell.Failure(description: "cannot create the network namespace \(name) (needs root and iproute2)")
        }
    }

    deinit {
        _ = Shell.run("ip", ["netns", "del", name])
    }

    /// Runs `program` in the namespace to completion.
    @discardableResult
    package func run(_ program: String, _ arguments: [String]) -> Shell.Result {
        Shell.run("ip", ["netns", "exec", name, program] + arguments)
    }
}
