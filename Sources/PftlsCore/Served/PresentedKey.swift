import FoundationEssentials

/// One key type a server presents by default, as the wizard's Start screen names it: the
/// key's algorithm and the leaf served with it. It holds no key material.
public struct PresentedKey: Sendable, Equatable {
    /// The key type (RSA, ECDSA, EdDSA).
    public let type: ServerKeyType
    /// The leaf's key algorithm and size ("RSA 2048 bits", "EC P-256").
    public let algorithm: KeyAlgorithm
    /// The leaf's first DNS name, else its subject.
    public let name: String
    /// When the leaf expires.
    public let notAfter: Date
    /// The files the pair is loaded from.
    public let files: [String]
    /// The leaf's SHA-256 fingerprint: whether a change keeps this leaf.
    public let fingerprint: [UInt8]

    /// The key of `pair`, when its type and leaf could be read.
    public init?(_ pair: PresentedPair) {
        guard let type = pair.keyType, let leaf = pair.leaf else { return nil }
        self.type = type
        algorithm = leaf.keyAlgorithm
        name = leaf.shortName
        notAfter = leaf.notAfter
        files = pair.files
        fingerprint = leaf.sha256Fingerprint
    }
}

extension Certificate {
    /// The first DNS or IP name the certificate covers, else its subject: how a one-line
    /// summary names it.
    public var shortName: String { subjectAlternativeNames.lazy.compactMap(NamesInUse.value(ofEntry:)).first ?? subject }
}
