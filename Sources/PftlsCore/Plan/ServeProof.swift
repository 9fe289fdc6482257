/// What a listener must serve after the change to a client that sends `serverName` (nil:
/// none) and accepts only `keyType` (nil: any): the probes after the reload and the canary
/// check each one.
public struct ServeProof: Sendable {
    /// The SNI name sent; nil for the default pairs.
    public let serverName: String?
    /// The key type the client accepts; nil when the name is served one type only.
    public let keyType: ServerKeyType?
    /// The chain to be served, leaf first.
    public let chain: [Certificate]
    /// True for a pair the change keeps as it is (another key type, or the default pairs
    /// of a change of SNI entries alone): proven still served, not newly served.
    public var kept = false

    /// The leaf to be served.
    public var leaf: Certificate? { chain.first }

    /// The name to send for a map key: itself, or a subdomain for a `.example.com` key.
    public static func serverName(forMapKey key: String) -> String {
        key.hasPrefix(".") ? "pftls-check" + key : key
    }

    /// What the probe's place adds to a listener's label: ` (ECDSA, SNI mail.example.org)`.
    public var label: String {
        let parts = [keyType?.rawValue, serverName.map { "SNI " + SafeText.escape($0) }].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// One proof per key type when several are served (else one for any client).
    static func proofs(serverName: String?, served: [ServedPair]) -> [ServeProof] {
        let typed = served.filter { !$0.chain.isEmpty }
        return typed.map { ServeProof(serverName: serverName, keyType: typed.count > 1 ? $0.type : nil, chain: $0.chain, kept: $0.kept) }
    }

    /// A pair the change leaves served, of a key type, new or `kept` as it is.
    struct ServedPair {
        let type: ServerKeyType?
        let chain: [Certificate]
        var kept = false
    }
}
