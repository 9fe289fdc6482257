/// One Dovecot listener that serves TLS: imap 143 and pop3 110 and sieve 4190 after
/// STARTTLS, imaps 993 and pop3s 995 from the first byte.
public struct DovecotListener: Equatable, Sendable {
    /// The listener's name in `service … { inet_listener NAME { … } }` (`imaps`).
    public let name: String
    /// The address to connect to (loopback for a wildcard listener).
    public let host: String
    public let port: Int
    /// How a client reaches TLS on it.
    public let mode: TLSProbeMode
    /// True when it listens on every IPv4 address (`*`) and this host has 127.0.0.1: any
    /// 127.x.y.z reaches it.
    public let onEveryIPv4Address: Bool

    /// Creates a listener.
    public init(name: String, host: String, port: Int, mode: TLSProbeMode, onEveryIPv4Address: Bool = false) {
        self.name = name
        self.host = host
        self.port = port
        self.mode = mode
        self.onEveryIPv4Address = onEveryIPv4Address
    }

    /// `dovecot imaps 127.0.0.1:993`: how findings and logs name it.
    public var label: String {
        "dovecot \(name) " + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// The login services pftls probes and the protocol each speaks.
    static let loginServices: [(service: String, protocolName: String, startTLS: TLSProbeMode, implicit: TLSProbeMode)] = [
        ("imap-login", "imap", .imapStartTLS, .imapImplicit),
        ("pop3-login", "pop3", .pop3StartTLS, .pop3Implicit),
        ("managesieve-login", "sieve", .sieveStartTLS, .sieveStartTLS),
    ]

    /// The `doveconf` arguments whose output `listeners(in:)` reads.
    public static let doveconfFilters = loginServices.map { "service/" + $0.service } + ["listen", "protocols", "base_dir"]

    /// The listeners in `doveconf service/imap-login service/pop3-login
    /// service/managesieve-login listen protocols` output: those of the enabled protocols
    /// with a port, each address once (a wildcard address is probed on loopback).
    /// `ipv4LoopbackIsUp` says whether this host has 127.0.0.1.
    public static func listeners(in text: String, ipv4LoopbackIsUp: Bool = LocalAddresses.ipv4LoopbackIsUp()) -> [DovecotListener] {
        let top = DovecotConfigOutput.parse(text)
        let enabled = enabledProtocols(top)
        let listen = top.value("listen") ?? "*, ::"
        var found: [DovecotListener] = []
        for login in loginServices where enabled.contains(login.protocolName) {
            for service in top.sections("service") where service.name == login.service {
                for listener in service.sections("inet_listener") {
                    guard let port = listener.value("port").flatMap({ Int($0) }), port > 0 else { continue }
                    let address = listener.value("address").flatMap { $0.isEmpty ? nil : $0 } ?? listen
                    let mode = listener.value("ssl") == "yes" ? login.implicit : login.startTLS
                    for host in probeHosts(address, ipv4LoopbackIsUp: ipv4LoopbackIsUp) {
                        let everyIPv4Address = ipv4LoopbackIsUp && host == "127.0.0.1" && address.contains("*")
                        let candidate = DovecotListener(name: listener.name ?? login.protocolName, host: host, port: port, mode: mode,
                                                        onEveryIPv4Address: everyIPv4Address)
                        if !found.contains(candidate) { found.append(candidate) }
                    }
                }
            }
        }
        return found
    }

    /// `protocols = " imap sieve pop3"` (2.3) or `protocols { imap = yes }` (2.4).
    static func enabledProtocols(_ top: DovecotSection) -> Set<String> {
        var names = Set((top.value("protocols").map(DovecotConfigOutput.unquoted) ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
        for block in top.sections("protocols") {
            for (key, value) in block.settings { if value == "yes" { names.insert(key) } else { names.remove(key) } }
        }
        return names
    }

    /// The hosts to connect to for a `listen`/`address` value: `*` is 127.0.0.1, `::` is ::1,
    /// and when both are listed one is probed (the same listener twice): 127.0.0.1, or ::1
    /// on a host without 127.0.0.1.
    static func probeHosts(_ address: String, ipv4LoopbackIsUp: Bool = true) -> [String] {
        let parts = address.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0).trimming(while: { $0 == "[" || $0 == "]" }) }
        let concrete = parts.filter { $0 != "*" && $0 != "::" && !$0.isEmpty }
        let everyIPv4 = parts.contains("*"), everyIPv6 = parts.contains("::")
        let wildcard: [String] = everyIPv4 && (ipv4LoopbackIsUp || !everyIPv6) ? ["127.0.0.1"] : (everyIPv6 ? ["::1"] : [])
        return wildcard + concrete.filter { !(wildcard.isEmpty == false && ($0 == "127.0.0.1" || $0 == "::1")) }
    }
}
