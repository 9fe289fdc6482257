/// Identifies a master.cf service the way Postfix does: by service name and type.
///
/// For `inet` services the name may carry an address (`127.0.0.1:submission`,
/// `[::1]:465`), and well-known port names are matched with their numbers:
/// `smtps`, `submissions` and `465` are the same service, as are `submission` and
/// `587`, and `smtp` and `25`. Two keys are equal when they name the same service.
public struct ServiceKey: Hashable, Sendable, CustomStringConvertible {
    /// The service name as written, e.g. `127.0.0.1:submission`.
    public let name: String
    /// The service type: `inet`, `unix`, `unix-dgram`, `fifo` or `pass`.
    public let type: String

    /// Creates a key.
    public init(_ name: String, _ type: String) {
        self.name = name
        self.type = type
        identity = Self.identity(name: name, type: type)
    }

    /// What equality compares, worked out once: keys are compared many times over a master.cf.
    private let identity: Identity

    private struct Identity: Hashable, Sendable {
        let type: String
        let host: String?
        let service: String
    }

    /// The address part of an `inet` service name (`127.0.0.1`, `[::1]`), or nil when there is none.
    public var host: String? {
        endpoint.host
    }

    /// The service part of the name: the port name or number for `inet` services.
    public var service: String {
        endpoint.service
    }

    /// `name/type`, as `postconf -M` and `-P` write it; safe to print.
    public var description: String {
        SafeText.escape("\(name)/\(type)")
    }

    /// True when both keys name the same service (see the type's description).
    public static func == (lhs: ServiceKey, rhs: ServiceKey) -> Bool {
        lhs.identity == rhs.identity
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
    }

    /// What equality compares: type, lower-cased host, and the port with names mapped to numbers.
    private static func identity(name: String, type: String) -> Identity {
        guard type == "inet" else { return Identity(type: type, host: nil, service: name) }
        let (host, service) = endpoint(name: name, type: type)
        return Identity(type: type, host: host?.lowercased(), service: wellKnownPorts[service.lowercased()] ?? service)
    }

    private var endpoint: (host: String?, service: String) { Self.endpoint(name: name, type: type) }

    private static func endpoint(name: String, type: String) -> (host: String?, service: String) {
        guard type == "inet" else { return (nil, name) }
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
            let rest = name[name.index(after: close)...]
            guard rest.first == ":" else { return (nil, name) }
            return (String(name[...close]), String(rest.dropFirst()))
        }
        guard let colon = name.lastIndex(of: ":") else { return (nil, name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// Port names Postfix knows without /etc/services, mapped to their numbers.
    private static let wellKnownPorts = [
        "smtp": "25",
        "submission": "587",
        "submissions": "465",
        "smtps": "465",
    ]
}
