import Glibc

/// Which resolver pftls asks: the system's (/etc/resolv.conf), another one given as
/// `ADDR[:PORT]` (IPv4) or `IPV6` / `[IPV6][:PORT]`, or none at all (`none`: the DNS
/// checks are off).
public enum ResolverChoice: Equatable, Sendable {
    case system
    case server(address: String, port: Int)
    case none

    /// Parses `--resolver`'s value: `none`, `192.0.2.53`, `127.0.0.1:5353`, `::1`,
    /// `[::1]` or `[2001:db8::53]:5353`. Nil when it is none of these (a bare IPv6
    /// address takes no port: its last group could be one).
    public init?(_ text: String) {
        if text == "none" { self = .none; return }
        if text == "system" || text.isEmpty { self = .system; return }
        guard let (address, portText) = Self.split(text) else { return nil }
        let port = portText.map { Int($0) } ?? 53
        guard let port, (1...65535).contains(port) else { return nil }
        self = .server(address: address, port: port)
    }

    /// The resolver this choice names; nil for `none`.
    public func resolver() -> DNSResolving? {
        switch self {
        case .system: SystemResolver(server: nil)
        case .server(let address, let port): SystemResolver(server: (address, port))
        case .none: nil
        }
    }

    /// How a server is written with its port: `192.0.2.53:53`, `[::1]:53`.
    public static func display(address: String, port: Int) -> String {
        address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    /// The address and the port's text (nil when none is given) of `text`.
    private static func split(_ text: String) -> (String, Substring?)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let address = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard isAddress(address, family: AF_INET6), rest.isEmpty || rest.hasPrefix(":") else { return nil }
            return (address, rest.isEmpty ? nil : rest.dropFirst())
        }
        if isAddress(text, family: AF_INET6) { return (text, nil) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, isAddress(String(parts[0]), family: AF_INET) else { return nil }
        return (String(parts[0]), parts.count == 2 ? parts[1] : nil)
    }

    /// True when `text` is an address of `family` as the C library reads one (dotted quad
    /// for IPv4, no zone index for IPv6).
    private static func isAddress(_ text: String, family: Int32) -> Bool {
        var bytes = in6_addr()
        return inet_pton(family, text, &bytes) == 1
    }
}
