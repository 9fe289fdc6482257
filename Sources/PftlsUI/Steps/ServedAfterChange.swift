import FoundationEssentials
import PftlsCore

/// The head of the review on a server that presents more than one certificate: what
/// each name and key type is served after the change, read from the plan's proofs (what
/// the probes will check): the default pairs, new or kept, the files
/// `smtpd_tls_chain_files` will list, each SNI entry the change installs, and how many
/// entries stay as they are. Empty when one certificate serves every client before and
/// after, so such a review looks as it always did.
enum ServedAfterChange {
    /// The lines, unwrapped, with a blank line after them; `summary` says what the server
    /// presents now (which leaves are kept, how many SNI entries it has).
    static func lines(_ plan: ChangePlan, summary: PostfixSummary?) -> [String] {
        let several = plan.proofs.count > 1 || plan.proofs.contains { $0.serverName != nil } || summary?.presentsSeveral == true
        guard several, !plan.proofs.isEmpty else { return [] }
        let inUse = Set(summary?.presentedKeys.map(\.fingerprint) ?? [])
        var lines = [Catalog.text("wizard.sni.review.title")]
        for proof in plan.proofs where proof.serverName == nil {
            lines.append(line(proof, who: Catalog.text("wizard.sni.review.default"), inUse: inUse))
        }
        if !plan.chainFiles.isEmpty {
            lines.append("  " + Catalog.text("wizard.sni.review.chainFiles", ["files": plan.chainFiles.map(SafeText.escape).joinedAsList()]))
        }
        var changed = Set<String>()
        for name in plan.answers.sni.flatMap(\.names) where changed.insert(name.lowercased()).inserted {
            let who = Catalog.text("wizard.sni.review.entry", ["name": SafeText.escape(name)])
            for proof in plan.proofs where proof.serverName == ServeProof.serverName(forMapKey: name) {
                lines.append(line(proof, who: who, inUse: nil))
            }
        }
        let entries = Set((summary?.sniMaps ?? []).filter { $0.service == nil }.flatMap { $0.source?.entries ?? [] }.map { $0.name.lowercased() })
        let others = entries.subtracting(changed).count
        if others > 0 {
            lines.append("  " + Catalog.text(others == 1 ? "wizard.sni.review.otherEntry" : "wizard.sni.review.otherEntries", ["count": "\(others)"]))
        }
        return lines + [""]
    }

    /// One name and key type: who is served, the leaf's key, first name and end, and
    /// whether it is among the leaves served now (`inUse`: kept) or new; nil: not said
    /// (an SNI entry's leaves are not read for the review).
    private static func line(_ proof: ServeProof, who: String, inUse: Set<[UInt8]>?) -> String {
        guard let leaf = proof.leaf else { return "  " + who }
        let key = inUse.map { $0.contains(leaf.sha256Fingerprint) ? "wizard.sni.review.kept" : "wizard.sni.review.new" } ?? "wizard.sni.review.served"
        return "  " + Catalog.text(key,
                                   ["who": who, "algorithm": "\(leaf.keyAlgorithm)", "name": SafeText.escape(leaf.shortName),
                                    "date": String(UTCTimestamp.format(leaf.notAfter).prefix(10))])
    }
}
