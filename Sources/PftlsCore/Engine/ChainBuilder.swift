/// Orders the given certificates into a chain, leaf first, and reports the links
/// that do not hold.
///
/// A link holds when the issuer's subject equals the child's issuer name, the
/// key identifiers agree, and the child's signature verifies with the issuer's key.
struct ChainBuilder {
    /// The ordered chain and what did not fit.
    struct Result {
        var chain: [PlacedCertificate]
        var leftovers: [PlacedCertificate]
        var findings: [Finding]
    }

    /// The longest chain built: the leaf, 9 issuers (OpenSSL's and Postfix's default
    /// verification depth, `smtp_tls_scert_verifydepth = 9`) and a root.
    static let maximumLength = 11

    /// Builds the chain upwards from `leaf` using `others`. Issuers are found through an
    /// index of subject names, so the work grows with the number of certificates, not its square.
    func build(leaf: PlacedCertificate, others: [PlacedCertificate]) -> Result {
        var result = Result(chain: [leaf], leftovers: [], findings: [])
        let bySubject = Self.subjectIndex(others)
        var used = Set<Int>()
        var current = leaf
        while !current.certificate.isSelfSigned {
            guard result.chain.count < Self.maximumLength else {
                result.findings.append(Finding(.chainTooLong, .error, file: current.file,
                    message: Catalog.text("finding.chainTooLong.message", ["file": "\(SafeText.escape(current.file))", "maximumLength": "\(Self.maximumLength)", "subject": "\(current.certificate.subject)"]),
                    hint: Catalog.text("finding.chainTooLong.hint")))
                break
            }
            let certificate = current.certificate
            let named = (bySubject[certificate.issuerNameHash] ?? []).filter { !used.contains($0) && certificate.namesIssuer(others[$0].certificate) }
            guard !named.isEmpty else { break }
            guard let index = named.first(where: { certificate.isIssued(by: others[$0].certificate) }) else {
                let impostor = others[named[0]]
                result.findings.append(Finding(.chainBroken, .error, file: impostor.file,
                    message: Catalog.text("finding.chainBroken.message", ["file": "\(SafeText.escape(impostor.file))", "subject": "\(impostor.certificate.subject)", "issuerSubject": "\(current.certificate.subject)"]),
                    hint: Catalog.text("finding.chainBroken.hint")))
                break
            }
            used.insert(index)
            let issuer = others[index]
            if !current.certificate.signatureVerifies(with: issuer.certificate) {
                result.findings.append(Finding(.badSignature, .error, file: current.file,
                    message: Catalog.text("finding.badSignature.message", ["file": "\(SafeText.escape(current.file))", "subject": "\(current.certificate.subject)", "issuerSubject": "\(issuer.certificate.subject)"]),
                    hint: Catalog.text("finding.badSignature.hint")))
            }
            result.chain.append(issuer)
            current = issuer
        }
        result.leftovers = others.indices.filter { !used.contains($0) }.map { others[$0] }
        if current.certificate.isSelfSigned, !current.certificate.signatureVerifies(with: current.certificate) {
            result.findings.append(Finding(.badSignature, .error, file: current.file,
                message: Catalog.text("finding.badSignature.selfSignature", ["file": "\(SafeText.escape(current.file))", "subject": "\(current.certificate.subject)"]),
                hint: Catalog.text("finding.badSignature.selfSignatureHint")))
        }
        return result
    }

    /// Picks the leaf: the certificate that carries `key`, else the lowest certificate
    /// (one that issued none of the others), preferring non-CA certificates.
    func chooseLeaf(among certificates: [PlacedCertificate], key: PrivateKey?) -> (leaf: PlacedCertificate, matchesKey: Bool)? {
        if let key, let match = certificates.first(where: { key.matches($0.certificate) }) {
            return (match, true)
        }
        // Every certificate that issued another is not at the bottom.
        let bySubject = Self.subjectIndex(certificates)
        var issuers = Set<Int>()
        for other in certificates where !other.certificate.isSelfSigned {
            for index in bySubject[other.certificate.issuerNameHash] ?? [] where other.certificate !== certificates[index].certificate
                && other.certificate.namesIssuer(certificates[index].certificate) && other.certificate.isIssued(by: certificates[index].certificate) {
                issuers.insert(index)
            }
        }
        let bottoms = certificates.indices.filter { !issuers.contains($0) }.map { certificates[$0] }
        let pick = bottoms.first { !$0.certificate.isCA } ?? bottoms.first ?? certificates.first
        return pick.map { ($0, false) }
    }

    /// The positions of `certificates` by the hash of their subject name.
    private static func subjectIndex(_ certificates: [PlacedCertificate]) -> [UInt: [Int]] {
        var index: [UInt: [Int]] = [:]
        for (position, placed) in certificates.enumerated() { index[placed.certificate.subjectNameHash, default: []].append(position) }
        return index
    }
}
