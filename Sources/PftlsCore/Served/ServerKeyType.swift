/// The key types a server presents side by side. A TLS 1.3 client gets the one its
/// signature algorithms allow (TLS 1.2: its cipher), so each is probed with a client that
/// offers only its own.
public enum ServerKeyType: String, Sendable, CaseIterable, Comparable {
    case rsa = "RSA"
    case ecdsa = "ECDSA"
    case eddsa = "EdDSA"

    /// The type of a server key; nil for a family no TLS server can present.
    public init?(_ algorithm: KeyAlgorithm) {
        switch algorithm.family {
        case .rsa: self = .rsa
        case .ec: self = .ecdsa
        case .ed25519, .ed448: self = .eddsa
        case .dsa, .other: return nil
        }
    }

    /// What a client that accepts only this type offers (OpenSSL's sigalgs list).
    public var signatureAlgorithms: String {
        switch self {
        case .rsa: "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pkcs1_sha256:rsa_pkcs1_sha384:rsa_pkcs1_sha512"
        case .ecdsa: "ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384:ecdsa_secp521r1_sha512"
        case .eddsa: "ed25519:ed448"
        }
    }

    /// RSA, ECDSA, EdDSA: the order reports list them in.
    public static func < (lhs: ServerKeyType, rhs: ServerKeyType) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .rsa: 0
        case .ecdsa: 1
        case .eddsa: 2
        }
    }
}
