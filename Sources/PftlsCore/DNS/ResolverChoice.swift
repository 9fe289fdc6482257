/// Which resolver pftls asks: the system's (/etc/resolv.conf), another one given as
/// `ADDR[:PORT]`, or none at all (`none`: the DNS checks are off).
public enum ResolverChoice: Equatable, Sendable {
    case system
    case server(address: String, port: Int)
    case none

    /// Parses `--resolver`'s value: `none`, `192.0.2.53` or `127.0.0.1:5353`. Nil when
    /// it is not an IPv4 address with an optional port.
    public init?(_ text: String) {
        if text == "none" { self = .none; return }
        if text == "system" || text.isEmpty { self = .system; return }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, Self.isIPv4(String(parts[0])) else { return nil }
        let port = parts.count == 2 ? Int(parts[1]) : 53
        guard let port, (1...65535).contains(port) else { return nil }
        self = .server(address: String(parts[0]), port: port)
    }

    /// The resolver this choice names; nil for `none`.
    public func resolver() -> DNSResolving? {
        switch self {
        case .system: SystemResolver(server: nil)
        case .server(let address, let port): SystemResolver(server: (address, port))
        case .none: nil
        }
    }

    private static func isIPv4(_ text: String) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && Int(octet).map { $0 <= 255 } == true
        }
    }
}
