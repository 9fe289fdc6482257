import COpenSSL

/// The algorithm and strength of a public or private key, as OpenSSL reports it.
public struct KeyAlgorithm: Equatable, Sendable, CustomStringConvertible {
    /// The key families Postfix can serve, plus `other` for the rest.
    public enum Family: String, Sendable { case rsa = "RSA", ec = "EC", ed25519 = "Ed25519", ed448 = "Ed448", dsa = "DSA", other }

    public let family: Family
    /// Size in bits (modulus for RSA, field for EC).
    public let bits: Int
    /// The EC group, such as `prime256v1`, when there is one.
    public let curve: String?
    /// OpenSSL's name for an unknown type.
    public let typeName: String

    /// The EC curves TLS signs with (RFC 8446: P-256, P-384, P-521); secp256k1 or brainpool
    /// keys load fine but no client negotiates them.
    public static let negotiableCurves: Set<String> = ["prime256v1", "secp384r1", "secp521r1"]

    /// A public key OpenSSL could not load.
    public static let undecodable = KeyAlgorithm(family: .other, bits: 0, curve: nil, typeName: "undecodable")

    /// True when OpenSSL could load the key.
    public var isDecodable: Bool { self != .undecodable }

    private init(family: Family, bits: Int, curve: String?, typeName: String) {
        self.family = family
        self.bits = bits
        self.curve = curve
        self.typeName = typeName
    }

    /// Reads the algorithm of an `EVP_PKEY`.
    init(_ key: OpaquePointer) {
        bits = Int(EVP_PKEY_get_bits(key))
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: family = .rsa
        case EVP_PKEY_EC: family = .ec
        case EVP_PKEY_ED25519: family = .ed25519
        case EVP_PKEY_ED448: family = .ed448
        case EVP_PKEY_DSA: family = .dsa
        default: family = .other
        }
        var name = [CChar](repeating: 0, count: 80)
        var length = 0
        curve = family == .ec && EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1
            ? String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        typeName = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "unknown"
    }

    /// True for key types that Postfix can use as a server key.
    public var isSupportedByPostfix: Bool {
        switch family {
        case .rsa, .ec, .ed25519, .ed448: true
        case .dsa, .other: false
        }
    }

    /// The minimum size below which the key is weak, for the families that have one.
    public var isWeak: Bool {
        switch family {
        case .rsa: bits < 2048
        case .ec: bits < 256
        default: false
        }
    }

    /// The algorithm and size for people, in the current language ("RSA 2048 ビット").
    public var description: String { described(in: Catalog.language) }

    /// The algorithm and size in English whatever the language ("RSA 2048 bits"):
    /// what `--json` prints, so that scripts see the same value everywhere.
    public var englishDescription: String { described(in: .en) }

    private func described(in language: Language) -> String {
        let sized = { (family: String) in Catalog.text("key.algorithm.sized", ["family": family, "bits": "\(bits)"], in: language) }
        switch family {
        case .rsa: return sized("RSA")
        case .ec: return curve.map { "EC \(Self.curveDisplayName($0))" } ?? sized("EC")
        case .ed25519, .ed448: return family.rawValue
        case .dsa: return sized("DSA")
        case .other: return isDecodable ? sized(typeName) : Catalog.text("key.unreadable", in: language)
        }
    }

    private static func curveDisplayName(_ group: String) -> String {
        switch group {
        case "prime256v1": "P-256"
        case "secp384r1": "P-384"
        case "secp521r1": "P-521"
        default: group
        }
    }
}
