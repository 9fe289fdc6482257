/// The part a certificate plays in the served chain.
public enum ChainRole: String, Codable, Sendable {
    case leaf
    case intermediate
    case root
}

/// One certificate of the ordered chain, leaf first.
public struct ChainEntry {
    public let role: ChainRole
    public let certificate: Certificate
    /// The file it was read from.
    public let file: String
}

/// A certificate found in the inputs, with where it stood in them.
struct PlacedCertificate {
    let certificate: Certificate
    let file: String
    let fileIndex: Int
    let ordinal: Int
}
