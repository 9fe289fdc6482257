/// One chain a server presents for a name: the one a client restricted to `keyType` gets
/// (nil: the only one), as served or as on disk, and the file it comes from.
public struct PresentedChain: Sendable {
    /// The key type; nil when the server presents only one.
    public let keyType: ServerKeyType?
    /// Leaf first.
    public let chain: [Certificate]
    /// The file holding the leaf.
    public let file: String

    /// Creates a chain.
    public init(keyType: ServerKeyType?, chain: [Certificate], file: String) {
        self.keyType = keyType
        self.chain = chain
        self.file = file
    }
}

extension MailDNSCheck {
    /// The findings for what is served, per name and per key type: `chains` gives for a
    /// host name the chains a client sending it as SNI gets (an SNI entry's, else the
    /// default ones), one per key type. DANE senders send the MX name as SNI and pick the
    /// key type themselves, so each chain needs a matching TLSA record: none matching any
    /// chain is `tlsa-mismatch` as for one chain; a key type without one is `tlsa-mismatch`
    /// for that type (a sender preferring it cannot deliver). MX names a leaf lacks are
    /// `name-not-covered`.
    public func served(chains: (String) -> [PresentedChain], lookups: Lookups, known: [String]) -> [Finding] {
        uncovered(chains: chains, lookups: lookups, known: known) + lookups.publications.flatMap { publication -> [Finding] in
            let presented = chains(publication.name).filter { !$0.chain.isEmpty }
            guard !publication.records.isEmpty, let first = presented.first else { return [] }
            let unmatched = presented.filter { !publication.matches($0.chain) }
            if unmatched.isEmpty { return [matched(publication, file: first.file)] }
            if unmatched.count == presented.count {
                return [Finding(.tlsaMismatch, .error, file: first.file,
                    message: Catalog.text("dane.mismatch.message", ["owner": publication.owner, "records": Self.list(publication.records),
                                                                    "validated": Self.validated(publication)]),
                    hint: Catalog.text("dane.mismatch.hint", ["owner": publication.owner, "record": Self.zoneLine(publication, TLSARecord.endEntity(first.chain[0]))]))]
            }
            return unmatched.map { missing in
                let type = missing.keyType?.rawValue ?? "?"
                return Finding(.tlsaMismatch, .error, file: missing.file,
                    message: Catalog.text("check.dane.keyTypeMissing", ["owner": publication.owner, "type": type, "file": SafeText.escape(missing.file),
                                                                          "validated": Self.validated(publication)]),
                    hint: Catalog.text("check.dane.keyTypeMissing.hint", ["record": Self.zoneLine(publication, TLSARecord.endEntity(missing.chain[0])),
                                                                            "ttl": "\(publication.ttl)"]))
            }
        } + failed(lookups)
    }
}
