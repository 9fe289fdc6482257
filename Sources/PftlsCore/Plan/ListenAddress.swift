import FoundationEssentials
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
        // `[::1]` has colons, but they are the address's: no port.
        guard let colon = text.lastIndex(of: ":"), !(text.hasPrefix("[") && text.hasSuffix("]")) else { return Catalog.text("listen.noPort") }
        let host = String(text[..<colon])
        let port = String(text[text.index(after: colon)...])
        if let problem = hostProblem(host) { return problem }
        return portProblem(port)
    }

    private static func hostProblem(_ host: String) -> String? {
        if host.isEmpty { return Catalog.text("listen.emptyAddress") }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), isAddress(String(host.dropFirst().dropLast()), family: AF_INET6) else {
                return Catalog.text("listen.ipv6NotBracketed", ["host": "\(SafeText.escape(host))"])
            }
            return nil
        }
        if host.contains(":") { return Catalog.text("listen.ipv6NeedsBrackets") }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return isAddress(host, family: AF_INET) ? nil : Catalog.text("listen.notIPv4", ["host": "\(SafeText.escape(host))"])
        }
        let valid = host.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
        return valid ? nil : Catalog.text("listen.notHost", ["host": "\(SafeText.escape(host))"])
    }

    private static func portProblem(_ port: String) -> String? {
        if port.isEmpty { return Catalog.text("listen.emptyPort") }
        if port.allSatisfy(\.isNumber) {
            guard let number = Int(port), (1...65535).contains(number) else { return Catalog.text("listen.portOutOfRange", ["port": "\(SafeText.escape(port))"]) }
            return nil
        }
        if ServiceNaming.portNumber(port) != nil || getservbyname(port, "tcp") != nil { return nil }
        return Catalog.text("listen.unknownPort", ["port": "\(SafeText.escape(port))"])
    }

    private static func isAddress(_ text: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, text, &buffer) == 1
    }

    /// The master.cf service field.
    public var serviceField: String { "\(host):\(port)" }

    /// The address to connect to when probing: wildcards become loopback.
    public var probeHost: String {
        let bare = host.trimming { $0 == "[" || $0 == "]" }
        switch bare {
        case "0.0.0.0", "*": return "127.0.0.1"
        case "::": return "::1"
        default: return bare
        }
    }
}
