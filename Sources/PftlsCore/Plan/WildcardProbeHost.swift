/// Where pftls connects to a service that master.cf gives no address (`smtp inet …`):
/// it listens on every address of `inet_interfaces`, in the protocols of
/// `inet_protocols`. That is the loopback of a protocol the instance speaks: 127.0.0.1
/// when IPv4 is on and this host has it, else `::1` (an IPv6-only host or container);
/// or, when the interfaces are a list without a loopback address, the first address
/// of the list.
public enum WildcardProbeHost {
    /// The host to probe for `inet_interfaces` and `inet_protocols` as Postfix uses them
    /// (an empty `inet_protocols` is Postfix's default, `all`). `ipv4LoopbackIsUp` says
    /// whether this host has 127.0.0.1.
    public static func host(inetInterfaces: String, inetProtocols: String,
                            ipv4LoopbackIsUp: Bool = LocalAddresses.ipv4LoopbackIsUp()) -> String {
        let protocols = words(inetProtocols)
        let all = protocols.isEmpty || protocols.contains("all")
        let speaksIPv4 = all || protocols.contains("ipv4")
        let speaksIPv6 = all || protocols.contains("ipv6")
        let loopback = speaksIPv4 && (ipv4LoopbackIsUp || !speaksIPv6) ? "127.0.0.1" : "::1"
        let interfaces = words(inetInterfaces).map { $0.trimming { $0 == "[" || $0 == "]" } }
        if interfaces.isEmpty || interfaces.contains("all") || interfaces.contains("loopback-only") { return loopback }
        if let local = interfaces.first(where: { $0 == "localhost" || $0 == "::1" || $0.hasPrefix("127.") }) {
            return local == "localhost" ? loopback : local
        }
        return interfaces[0]
    }

    private static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).map { $0.lowercased() }
    }
}
