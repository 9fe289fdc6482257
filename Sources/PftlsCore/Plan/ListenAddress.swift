import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A listen address for a master.cf service: `host:port`, `[v6]:port`, where the host is
/// an IPv4 address, a bracketed IPv6 address or a host name, and the port a number from
/// 1 to 65535 or a service name this host knows. Postfix's master exits at reload on an
/// address it cannot use, so anything else is refused before a plan is made.
public struct ListenAddress: Equatable, Sendable {
    /// The host part as master.cf writes it (brackets kept for IPv6).
    public let host: String
    /// The port, as written.
    public let port: String

    /// Parses `text`; nil when it is not a usable `host:port` (`problem(with:)` says why).
    public init?(_ text: String) {
        guard Self.problem(with: text) == nil, let colon = text.lastIndex(of: ":") else { return nil }
        host = String(text[..<colon])
        port = String(text[text.index(after: colon)...])
    }

    /// Why `text` is not a usable listen address, or nil when it is.
    public static func problem(with text: String) -> String? {
        guard let colon = text.lastIndex(of: ":") else { return "it has no port: write address:port, e.g. 192.0.2.10:25" }
        let host = String(text[..<colon])
        let port = String(text[text.index(after: colon)...])
        if let problem = hostProblem(host) { return problem }
        return portProblem(port)
    }

    private static func hostProblem(_ host: String) -> String? {
        if host.isEmpty { return "the address is empty" }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), isAddress(String(host.dropFirst().dropLast()), family: AF_INET6) else {
                return "\(SafeText.escape(host)) is not an IPv6 address in brackets"
            }
            return nil
        }
        if host.contains(":") { return "an IPv6 address must be in brackets, e.g. [2001:db8::1]:465" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return isAddress(host, family: AF_INET) ? nil : "\(SafeText.escape(host)) is not an IPv4 address"
        }
        let valid = host.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
        return valid ? nil : "\(SafeText.escape(host)) is neither an IP address nor a host name"
    }

    private static func portProblem(_ port: String) -> String? {
        if port.isEmpty { return "the port is empty" }
        if port.allSatisfy(\.isNumber) {
            guard let number = Int(port), (1...65535).contains(number) else { return "port \(SafeText.escape(port)) is not between 1 and 65535" }
            return nil
        }
        if ServiceNaming.portNumber(port) != nil || getservbyname(port, "tcp") != nil { return nil }
        return "\(SafeText.escape(port)) is neither a port number nor a service name in /etc/services"
    }

    private static func isAddress(_ text: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, text, &buffer) == 1
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
