/// The engine's verdict on a set of files: findings plus the ordered chain.
public struct InspectionReport {
    /// Every finding, in the order found.
    public let findings: [Finding]
    /// The chain, leaf first; a root appears last only when it was given.
    public let chain: [ChainEntry]
    /// The private key that belongs to the leaf, when one was found.
    public let privateKey: PrivateKey?
    /// What each input file held.
    public let files: [DecodedFile]

    /// True when any finding is an error: Postfix would not work with these files.
    public var hasErrors: Bool { findings.hasErrors }

    /// The leaf certificate.
    public var leaf: Certificate? { chain.first?.certificate }

    /// What Postfix should serve: leaf and intermediates, without a root.
    public var servedChain: [Certificate] { chain.filter { $0.role != .root }.map(\.certificate) }

    /// The same report with `more` findings after its own.
    public func adding(_ more: [Finding]) -> InspectionReport {
        InspectionReport(findings: findings + more, chain: chain, privateKey: privateKey, files: files)
    }
}
