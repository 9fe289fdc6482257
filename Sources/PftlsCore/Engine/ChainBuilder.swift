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

    /// Builds the chain upwards from `leaf` using `others`.
    func build(leaf: PlacedCertificate, others: [PlacedCertificate]) -> Result {
        var result = Result(chain: [leaf], leftovers: others, findings: [])
        var current = leaf
        while !current.certificate.isSelfSigned {
            guard result.chain.count < Self.maximumLength else {
                result.findings.append(Finding(.chainTooLong, .error, file: current.file,
                    message: Catalog.text("finding.chainTooLong.message", ["file": "\(SafeText.escape(current.file))", "maximumLength": "\(Self.maximumLength)", "subject": "\(current.certificate.subject)"]),
                    hint: Catalog.text("finding.chainTooLong.hint")))
                break
            }
            let named = result.leftovers.indices.filter { current.certificate.namesIssuer(result.leftovers[$0].certificate) }
            guard !named.isEmpty else { break }
            guard let index = named.first(where: { current.certificate.isIssued(by: result.leftovers[$0].certificate) }) else {
                let impostor = result.leftovers[named[0]]
                result.findings.append(Finding(.chainBroken, .error, file: impostor.file,
                    message: Catalog.text("finding.chainBroken.message", ["file": "\(SafeText.escape(impostor.file))", "subject": "\(impostor.certificate.subject)", "subject2": "\(current.certificate.subject)"]),
                    hint: Catalog.text("finding.chainBroken.hint")))
                break
            }
            let issuer = result.leftovers.remove(at: index)
            if !current.certificate.signatureVerifies(with: issuer.certificate) {
                result.findings.append(Finding(.badSignature, .error, file: current.file,
                    message: Catalog.text("finding.badSignature.message", ["file": "\(SafeText.escape(current.file))", "subject": "\(current.certificate.subject)", "subject2": "\(issuer.certificate.subject)"]),
                    hint: Catalog.text("finding.badSignature.hint")))
            }
            result.chain.append(issuer)
            current = issuer
        }
        if current.certificate.isSelfSigned, !current.certificate.signatureVerifies(with: current.certificate) {
            result.findings.append(Finding(.badSignature, .error, file: current.file,
                message: Catalog.text("finding.badSignature.message2", ["file": "\(SafeText.escape(current.file))", "subject": "\(current.certificate.subject)"]),
                hint: Catalog.text("finding.badSignature.hint2")))
        }
        return result
    }

    /// Picks the leaf: the certificate that carries `key`, else the lowest certificate
    /// (one that issued none of the others), preferring non-CA certificates.
    func chooseLeaf(among certificates: [PlacedCertificate], key: PrivateKey?) -> (leaf: PlacedCertificate, matchesKey: Bool)? {
        if let key, let match = certificates.first(where: { key.matches($0.certificate) }) {
            return (match, true)
        }
        let bottoms = certificates.filter { candidate in
            !certificates.contains { other in
                other.certificate !== candidate.certificate && other.certificate.namesIssuer(candidate.certificate)
                    && other.certificate.isIssued(by: candidate.certificate) && !other.certificate.isSelfSigned
            }
        }
        let pick = bottoms.first { !$0.certificate.isCA } ?? bottoms.first ?? certificates.first
        return pick.map { ($0, false) }
    }
}
