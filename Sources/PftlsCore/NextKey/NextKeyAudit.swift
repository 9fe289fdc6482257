extension FindingCode {
    /// DANE-EE records are published for a name and none pins the staged next key: a
    /// renewal to it would be refused (`tlsa-not-published`) until one is.
    public static let nextKeyTLSAMissing: FindingCode = "next-key-tlsa-missing"
    /// A DANE-EE record pins no key in use and no staged next key: safe to remove.
    public static let tlsaStaleRecord: FindingCode = "tlsa-stale-record"
    /// A staged next key file that pftls cannot use (a link, readable by others, no key, another type).
    public static let nextKeyUnusable: FindingCode = "next-key-unusable"
}

/// `check`'s view of a DANE key rollover: the staged next keys against the published
/// TLSA records (`next-key-tlsa-missing`), and the DANE-EE records that pin neither a key
/// in use nor a staged one (`tlsa-stale-record`).
public struct NextKeyAudit {
    /// The staged next keys found.
    public let staged: [StagedNextKey]
    /// The chains in use, leaf first: every default pair and SNI entry, as on disk and as served.
    public let inUse: [[Certificate]]

    /// Creates the audit of `staged` keys against the chains `inUse`.
    public init(staged: [StagedNextKey], inUse: [[Certificate]]) {
        self.staged = staged
        self.inUse = inUse.filter { !$0.isEmpty }
    }

    /// The findings for `publications`. `presented` gives the chains a DANE sender gets
    /// for a name (one per key type): stale records are reported only for a name whose
    /// every presented chain has a matching record, as otherwise `tlsa-mismatch` says what
    /// is wrong and a record that looks stale may be the right one.
    public func findings(_ publications: [TLSAPublication], presented: (String) -> [[Certificate]]) -> [Finding] {
        let inUseDigests = Set(inUse.compactMap { $0.first?.subjectPublicKeyInfoSHA256 })
        let next = staged.filter { !inUseDigests.contains($0.publicKeyDigest) }
        return publications.flatMap { publication -> [Finding] in
            let pinning = publication.records.filter { $0.usage == 3 }
            guard !pinning.isEmpty else { return [] }
            let chains = presented(publication.name).filter { !$0.isEmpty }
            // A DANE-TA record matching the chain in use covers a renewal from the same CA:
            // the next key's own record is then advice (info), not a refusal waiting to happen.
            let anchored = chains.contains { chain in publication.records.contains { $0.usage == 2 && $0.matches(chain: chain) } }
            let missing = next.filter { key in !pinning.contains { $0.pins(key.key) } }.map { missingRecord(publication, key: $0, anchored: anchored) }
            guard !chains.isEmpty, chains.allSatisfy(publication.matches) else { return missing }
            let stale = pinning.filter { record in
                !inUse.contains { record.matches(chain: $0) } && !staged.contains { record.pins($0.key) }
            }
            return missing + stale.map { staleRecord(publication, record: $0) }
        }
    }

    /// `next-key-unusable` for a staged file that cannot be used, of the instance in `configDirectory`.
    public static func unusable(path: String, problem: NextKeyStore.Problem, configDirectory: String) -> Finding {
        Finding(.nextKeyUnusable, .warning, file: path, message: problem.description,
                hint: Catalog.text("next-key.unusable.hint", ["path": SafeText.escape(path), "instance": SuggestedCommand.configDirectoryOption(configDirectory)]))
    }

    private func missingRecord(_ publication: TLSAPublication, key: StagedNextKey, anchored: Bool) -> Finding {
        Finding(.nextKeyTLSAMissing, anchored ? .info : .warning, file: key.path,
                message: Catalog.text(anchored ? "next-key.tlsa-missing.anchored" : "next-key.tlsa-missing.message",
                                      ["owner": publication.owner, "path": SafeText.escape(key.path),
                                                                         "records": MailDNSCheck.list(publication.records)]),
                hint: Catalog.text("next-key.tlsa-missing.hint", ["record": MailDNSCheck.zoneLine(publication, key.record),
                                                                   "ttl": "\(publication.ttl)", "wait": "\(2 * Int(publication.ttl))"]))
    }

    private func staleRecord(_ publication: TLSAPublication, record: TLSARecord) -> Finding {
        Finding(.tlsaStaleRecord, .info, file: nil,
                message: Catalog.text("next-key.tlsa-stale.message", ["owner": publication.owner, "record": record.text]),
                hint: Catalog.text("next-key.tlsa-stale.hint", ["record": MailDNSCheck.zoneLine(publication, record)]))
    }
}
