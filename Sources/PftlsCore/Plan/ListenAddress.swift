/// A listen address for a master.cf service: `host:port`, `[v6]:port`, where
/// the port may be a number or a service name.
public struct ListenAddress: Equatable, Sendable {
    /// The host part as master.cf writes it (brackets kept for IPv6).
    public let host: String
    /// The port, as written.
    public let port: String

    /// Parses `text`; nil when it is not `host:port`.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        let port = String(text[text.index(after: colon)...])
        guard !host.isEmpty, !port.isEmpty, !port.contains(where: { $0.isWhitespace }),
              !host.contains(where: { $0.isWhitespace || $0 == "," }) else { return nil }
        if host.contains(":") && !(host.hasPrefix("[") && host.hasSuffix("]")) { return nil }
        self.host = host
        self.port = port
    }

    /// The master.cf service field.
    public var serviceField: String { "\(host):\(port)" }

    /// The address to connect to when probing: wildcards become loopback.
    public var probeHost: String {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        switch bare {
        case "0.0.0.0", "*": return "127.0.0.1"
        case "::": return "::1"
        default: return bare
        }
    }
}

import Foundation
