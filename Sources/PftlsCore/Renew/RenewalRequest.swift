/// What a renewal installs: the new certificate (and chain), and the key —
/// a new one, or nil to keep the one in use.
public struct RenewalRequest: Sendable {
    public var key: String?
    public var certificate: String
    public var chain: [String]

    /// Creates a request.
    public init(key: String?, certificate: String, chain: [String]) {
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }

    /// certbot's layout: `LINEAGE/privkey.pem` and `LINEAGE/fullchain.pem`
    /// (symlinks into ../../archive, followed when read).
    public static func certbot(lineage: String) -> RenewalRequest {
        let base = lineage.hasSuffix("/") ? String(lineage.dropLast()) : lineage
        return RenewalRequest(key: base + "/privkey.pem", certificate: base + "/fullchain.pem", chain: [])
    }
}

extension FindingCode {
    /// The new certificate no longer covers a name the current one had.
    public static let namesDropped: FindingCode = "names-dropped"
    /// The renewal changes the key: a DANE TLSA record must be rolled over.
    public static let tlsaRollover: FindingCode = "tlsa-rollover"
}
