/// A stable, machine-readable finding code such as `key-cert-mismatch`.
///
/// Codes are part of pftls' interface: tests and scripts compare them, so a code
/// is never renamed. Each code has one default severity.
public struct FindingCode: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as printed, e.g. `expired`.
    public let rawValue: String

    /// Creates a code from its printed form.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates a code from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

extension FindingCode {
    // Errors: Postfix will not work, or will serve something broken.
    public static let unreadable: FindingCode = "unreadable"
    public static let tooLarge: FindingCode = "too-large"
    public static let tooManyCertificates: FindingCode = "too-many-certificates"
    public static let chainTooLong: FindingCode = "chain-too-long"
    public static let nameNotCovered: FindingCode = "name-not-covered"
    // DANE and DNS.
    public static let tlsaNotPublished: FindingCode = "tlsa-not-published"
    public static let tlsaMismatch: FindingCode = "tlsa-mismatch"
    public static let tlsaMatches: FindingCode = "tlsa-matches"
    public static let dnsLookupFailed: FindingCode = "dns-lookup-failed"
    // `check`'s rules on the TLS settings.
    public static let clientCertificateReused: FindingCode = "client-cert-reused"
    public static let caFileBundle: FindingCode = "cafile-bundle"
    public static let weakProtocols: FindingCode = "weak-protocols"
    public static let berkeleyDBCache: FindingCode = "berkeley-db-cache"
    public static let curvesOverridden: FindingCode = "curves-overridden"
    public static let certbotArchivePath: FindingCode = "certbot-archive-path"
    public static let commentedServiceOptions: FindingCode = "commented-service-options"
    public static let tlsConfigFileFails: FindingCode = "tls-config-file-fails"
    public static let kdfTooExpensive: FindingCode = "kdf-too-expensive"
    public static let notPemOrDer: FindingCode = "not-pem-or-der"
    public static let csrNotCertificate: FindingCode = "csr-not-certificate"
    public static let noPrivateKey: FindingCode = "no-private-key"
    public static let noCertificate: FindingCode = "no-certificate"
    public static let multipleKeys: FindingCode = "multiple-keys"
    public static let passphraseRequired: FindingCode = "passphrase-required"
    public static let wrongPassphrase: FindingCode = "wrong-passphrase"
    public static let unsupportedKey: FindingCode = "unsupported-key"
    public static let keyCertMismatch: FindingCode = "key-cert-mismatch"
    public static let expired: FindingCode = "expired"
    public static let notYetValid: FindingCode = "not-yet-valid"
    public static let chainBroken: FindingCode = "chain-broken"
    public static let leafIsCA: FindingCode = "leaf-is-ca"
    public static let noServerAuth: FindingCode = "no-server-auth"
    public static let weakKey: FindingCode = "weak-key"
    public static let badSignature: FindingCode = "bad-signature"
    /// A leaf given without its intermediate, whose issuer is not trusted either.
    public static let intermediateMissing: FindingCode = "intermediate-missing"
    /// A listener serves the right leaf but not the issuers after it.
    public static let servedChainIncomplete: FindingCode = "served-chain-incomplete"
    // Warnings.
    public static let expiresSoon: FindingCode = "expires-soon"
    public static let hostnameMismatch: FindingCode = "hostname-mismatch"
    public static let selfSigned: FindingCode = "self-signed"
    public static let untrustedRoot: FindingCode = "untrusted-root"
    public static let incompleteChain: FindingCode = "incomplete-chain"
    public static let chainReordered: FindingCode = "chain-reordered"
    public static let rootIncluded: FindingCode = "root-included"
    public static let unrelatedCertificate: FindingCode = "unrelated-certificate"
    public static let sha1Signature: FindingCode = "sha1-signature"
    public static let ed25519Compat: FindingCode = "ed25519-compat"
    public static let keyUsage: FindingCode = "key-usage"
    // Info.
    public static let derConverted: FindingCode = "der-converted"
    public static let crlfNormalized: FindingCode = "crlf-normalized"
    public static let pkcs12: FindingCode = "pkcs12"
    public static let encryptedKey: FindingCode = "encrypted-key"
}
