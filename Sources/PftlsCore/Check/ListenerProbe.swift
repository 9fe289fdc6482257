/// One probe `check` makes of a TLS listener: the name it sends (none for the default
/// pairs), the key type its client accepts (nil: any), and the chain the files say that
/// client must get.
public struct ListenerProbe: Sendable {
    /// The listener.
    public let service: ServiceTLS
    /// The SNI name sent; nil: none.
    public let serverName: String?
    /// The SNI entry that serves `serverName` (its key as written) and its map, when one does.
    public let entry: String?
    /// The map `entry` comes from (`hash:/etc/postfix/sni`).
    public let map: SNIMapReference?
    /// The key type the client is restricted to; nil: a client that accepts any.
    public let keyType: ServerKeyType?
    /// What the files hold for this client: leaf and intermediates. Empty when the files
    /// could not be read (the file findings say why; a handshake that fails is still reported).
    public let expected: [Certificate]
    /// What the probe saw; nil when it was not made (or did not finish) by the deadline.
    public var result: ProbeResult?

    /// True when the served leaf is the one on disk, false when another leaf was served or
    /// the handshake failed; nil when the probe was not made or there was nothing to compare.
    public var servesItsFiles: Bool? {
        switch result {
        case .served(let chain)?: expected.first.map { leaf in chain.first?.isSame(as: leaf) == true }
        case .failed?: false
        case nil: nil
        }
    }
}

extension ListenerProbe {
    /// Every probe of `services`: per listener the default pairs (one probe per key type
    /// when there are several, else one with any client), then each name of the SNI maps
    /// the listener uses (`indexes`, keyed by master.cf service name; nil: main.cf's), one
    /// probe per key type of its entry.
    static func plan(services: [ServiceTLS], pairs: [PresentedPair], indexes: (ServiceTLS) -> SNINameIndex) -> [ListenerProbe] {
        services.filter { $0.mode != .none && $0.port != nil }.flatMap { service in
            let defaults = probes(of: pairs) { keyType, expected in
                ListenerProbe(service: service, serverName: nil, entry: nil, map: nil, keyType: keyType, expected: expected)
            }
            let index = indexes(service)
            let named = index.entries.filter { $0.entry.probeName.isProbeableName }.flatMap { listed in
                let name = listed.entry.probeName
                let served = index.entry(for: name) ?? listed
                return probes(of: served.pairs) { keyType, expected in
                    ListenerProbe(service: service, serverName: name, entry: served.entry.name, map: served.map, keyType: keyType, expected: expected)
                }
            }
            return defaults + named
        }
    }

    /// One probe per key type of `pairs` when they hold several, else one with any client.
    private static func probes(of pairs: [PresentedPair], _ make: (ServerKeyType?, [Certificate]) -> ListenerProbe) -> [ListenerProbe] {
        let types = pairs.keyTypes
        guard types.count > 1 else { return [make(nil, pairs.first?.report.servedChain ?? [])] }
        return types.map { type in make(type, pairs.first { $0.keyType == type }?.report.servedChain ?? []) }
    }
}

extension String {
    /// A name a client can send as SNI: letters, digits, hyphens and dots (Postfix ignores
    /// an SNI name that is not a valid host name, so a `*.` key is never looked up).
    var isProbeableName: Bool {
        !isEmpty && !hasPrefix(".") && allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
    }
}
