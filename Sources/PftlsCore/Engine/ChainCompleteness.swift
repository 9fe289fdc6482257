/// Judges the top of the chain and the certificates that fit nowhere.
struct ChainCompleteness {
    let trustStore: TrustStore
    /// A private CA: a leaf without its issuer is a warning, not an error.
    var privateCA = false

    func check(chain: [ChainEntry], leftovers: [PlacedCertificate]) -> [Finding] {
        guard let top = chain.last else { return [] }
        var findings: [Finding] = []
        let topName = "\"\(top.certificate.subject)\""
        let complete: Bool
        if top.certificate.isSelfSigned {
            complete = true
            if chain.count == 1 {
                findings.append(Finding(.selfSigned, .warning, file: top.file,
                    message: Catalog.text("finding.selfSigned.message", ["file": "\(SafeText.escape(top.file))", "topName": "\(topName)"]),
                    hint: Catalog.text("finding.selfSigned.hint")))
            } else {
                findings.append(Finding(.rootIncluded, .warning, file: top.file,
                    message: Catalog.text("finding.rootIncluded.message", ["file": "\(SafeText.escape(top.file))", "topName": "\(topName)"]),
                    hint: Catalog.text("finding.rootIncluded.hint")))
                if !trustStore.contains(top.certificate) {
                    findings.append(untrustedRoot(top, name: topName))
                }
            }
        } else if trustStore.issuer(of: top.certificate) != nil {
            complete = true
        } else if chain.count == 1 && !privateCA {
            // A leaf alone, whose issuer is neither given nor trusted: the most reported
            // mail-TLS fault is serving it so, and clients that lack the intermediate fail.
            complete = false
            findings.append(intermediateMissing(top))
        } else {
            complete = false
            findings.append(Finding(.incompleteChain, .warning, file: top.file,
                message: Catalog.text("finding.incompleteChain.message", ["file": "\(SafeText.escape(top.file))", "topName": "\(topName)", "issuer": "\(top.certificate.issuer)"]),
                hint: Catalog.text("finding.incompleteChain.hint")))
        }
        for extra in leftovers {
            let name = "\"\(extra.certificate.subject)\""
            if extra.certificate.isCA && !complete && !extra.certificate.isSelfSigned {
                findings.append(Finding(.chainBroken, .error, file: extra.file,
                    message: Catalog.text("finding.chainBroken.wrongIntermediate", ["file": "\(SafeText.escape(extra.file))", "name": "\(name)", "topName": "\(topName)", "issuer": "\(top.certificate.issuer)"]),
                    hint: Catalog.text("finding.chainBroken.wrongIntermediateHint")))
            } else {
                findings.append(Finding(.unrelatedCertificate, .warning, file: extra.file,
                    message: Catalog.text("finding.unrelatedCertificate.message", ["file": "\(SafeText.escape(extra.file))", "name": "\(name)"]),
                    hint: Catalog.text("finding.unrelatedCertificate.hint")))
            }
        }
        return findings
    }

    private func intermediateMissing(_ leaf: ChainEntry) -> Finding {
        let urls = leaf.certificate.caIssuersURLs
        let fetch = urls.isEmpty ? Catalog.text("finding.intermediateMissing.no-url")
            : Catalog.text("finding.intermediateMissing.url", ["url": urls.joinedAsList()])
        return Finding(.intermediateMissing, .error, file: leaf.file,
                       message: Catalog.text("finding.intermediateMissing.message", ["file": SafeText.escape(leaf.file),
                                                                                    "issuer": leaf.certificate.issuer]),
                       hint: Catalog.text("finding.intermediateMissing.hint", ["fetch": fetch]))
    }

    private func untrustedRoot(_ top: ChainEntry, name: String) -> Finding {
        Finding(.untrustedRoot, .warning, file: top.file,
                message: Catalog.text("finding.untrustedRoot.message", ["file": "\(SafeText.escape(top.file))", "name": "\(name)"]),
                hint: Catalog.text("finding.untrustedRoot.hint"))
    }
}
