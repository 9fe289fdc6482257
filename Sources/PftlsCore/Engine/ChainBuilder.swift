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
                    message: "\(SafeText.escape(current.file)): the chain goes on past \(Self.maximumLength) certificates at \"\(current.certificate.subject)\"; clients verify at most 9 issuers (smtp_tls_scert_verifydepth = 9, OpenSSL's default)",
                    hint: "Give only the server certificate and the intermediates your CA names for it."))
                break
            }
            let named = result.leftovers.indices.filter { current.certificate.namesIssuer(result.leftovers[$0].certificate) }
            guard !named.isEmpty else { break }
            guard let index = named.first(where: { current.certificate.isIssued(by: result.leftovers[$0].certificate) }) else {
                let impostor = result.leftovers[named[0]]
                result.findings.append(Finding(.chainBroken, .error, file: impostor.file,
                    message: "\(SafeText.escape(impostor.file)): the certificate \"\(impostor.certificate.subject)\" has the right name but did not issue \"\(current.certificate.subject)\" (its key identifier differs)",
                    hint: "Download the intermediate that belongs to this certificate from the CA (the one whose key signed it)."))
                break
            }
            let issuer = result.leftovers.remove(at: index)
            if !current.certificate.signatureVerifies(with: issuer.certificate) {
                result.findings.append(Finding(.badSignature, .error, file: current.file,
                    message: "\(SafeText.escape(current.file)): the signature on \"\(current.certificate.subject)\" does not verify with the key of its issuer \"\(issuer.certificate.subject)\"",
                    hint: "The certificate is damaged or altered: download it again from the CA."))
            }
            result.chain.append(issuer)
            current = issuer
        }
        if current.certificate.isSelfSigned, !current.certificate.signatureVerifies(with: current.certificate) {
            result.findings.append(Finding(.badSignature, .error, file: current.file,
                message: "\(SafeText.escape(current.file)): the self-signature on \"\(current.certificate.subject)\" does not verify",
                hint: "The certificate is damaged or altered: download it again."))
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
