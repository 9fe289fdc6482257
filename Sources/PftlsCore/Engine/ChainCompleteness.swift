/// Judges the top of the chain and the certificates that fit nowhere.
struct ChainCompleteness {
    let trustStore: TrustStore

    func check(chain: [ChainEntry], leftovers: [PlacedCertificate]) -> [Finding] {
        guard let top = chain.last else { return [] }
        var findings: [Finding] = []
        let topName = "\"\(top.certificate.subject)\""
        let complete: Bool
        if top.certificate.isSelfSigned {
            complete = true
            if chain.count == 1 {
                findings.append(Finding(.selfSigned, .warning, file: top.file,
                    message: "\(SafeText.escape(top.file)): \(topName) is self-signed",
                    hint: "Fine for opportunistic TLS between servers; mail clients will warn. Use a CA-issued certificate for submission."))
            } else {
                findings.append(Finding(.rootIncluded, .warning, file: top.file,
                    message: "\(SafeText.escape(top.file)): the root \(topName) is included in the chain",
                    hint: "Leave the root out: clients must already trust it, and serving it only costs bytes. pftls leaves it out of the installed chain."))
                if !trustStore.contains(top.certificate) {
                    findings.append(untrustedRoot(top, name: topName))
                }
            }
        } else if trustStore.issuer(of: top.certificate) != nil {
            complete = true
        } else {
            complete = false
            findings.append(Finding(.incompleteChain, .warning, file: top.file,
                message: "\(SafeText.escape(top.file)): the issuer of \(topName), \"\(top.certificate.issuer)\", was neither given nor found in the system trust store",
                hint: "Add the intermediate certificate(s) from your CA; for a private CA, this is expected if clients have its root."))
        }
        for extra in leftovers {
            let name = "\"\(extra.certificate.subject)\""
            if extra.certificate.isCA && !complete && !extra.certificate.isSelfSigned {
                findings.append(Finding(.chainBroken, .error, file: extra.file,
                    message: "\(SafeText.escape(extra.file)): the intermediate \(name) did not issue \(topName) (which names \"\(top.certificate.issuer)\" as issuer)",
                    hint: "Use the intermediate that your CA names for this certificate; check the issuer shown above."))
            } else {
                findings.append(Finding(.unrelatedCertificate, .warning, file: extra.file,
                    message: "\(SafeText.escape(extra.file)): \(name) is not part of the chain of the server certificate",
                    hint: "Leave it out; pftls does not install it."))
            }
        }
        return findings
    }

    private func untrustedRoot(_ top: ChainEntry, name: String) -> Finding {
        Finding(.untrustedRoot, .warning, file: top.file,
                message: "\(SafeText.escape(top.file)): the chain ends at the root \(name), which is not in the system trust store",
                hint: "Normal for a private CA: its clients must trust that root. Otherwise check that you have the right chain.")
    }
}
