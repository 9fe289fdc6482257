/// Which of the server's certificates a renewal replaces: a default pair (by the new
/// key's type), or SNI map entries (by `--sni NAME`, or by the new certificate's names
/// when it does not cover the host name and covers entries of the map).
public enum RenewalSlot: Equatable, Sendable {
    /// The default pair of the new key's type.
    case defaultPair
    /// The entries for these map keys.
    case sni(names: [String])

    /// The slot for a new certificate `leaf`: `explicitNames` (`--sni`) first; else SNI
    /// entries the leaf covers when it does not cover `hostname`; else the default pair.
    public static func choose(leaf: Certificate?, hostname: String?, explicitNames: [String], presentation: ServerPresentation) -> RenewalSlot {
        if !explicitNames.isEmpty { return .sni(names: explicitNames.map { $0.lowercased() }) }
        guard let leaf, !presentation.maps.isEmpty else { return .defaultPair }
        let covers = leaf.coverage()
        if let hostname, covers(hostname) { return .defaultPair }
        let covered = presentation.maps.filter { $0.service == nil }.flatMap { $0.source?.entries ?? [] }
            .filter { covers(ServeProof.serverName(forMapKey: $0.name)) }.map { $0.name.lowercased() }
        var seen = Set<String>()
        let names = covered.filter { seen.insert($0).inserted }
        return names.isEmpty ? .defaultPair : .sni(names: names)
    }
}

extension RenewalRequest {
    /// The answers that install this request into `slot`: for the default pair, as
    /// `answers(replacing:)`, the key of the new certificate's type kept when none is given
    /// (`keyFile(for:)`); for SNI, the default pair stays and the entries get the new files.
    public func answers(replacing current: Answers, slot: RenewalSlot, presentation: ServerPresentation, newLeaf: Certificate?) -> Answers {
        let keyFile = key ?? newLeaf.flatMap { leaf in
            presentation.pairs.first { $0.leaf.map { $0.subjectPublicKeyInfoSHA256 == leaf.subjectPublicKeyInfoSHA256 } == true }?.files.first
        }
        switch slot {
        case .defaultPair:
            var answers = self.answers(replacing: current)
            answers.privateKey = keyFile ?? current.privateKey
            return answers
        case .sni(let names):
            var answers = current
            let entryKey = keyFile ?? names.lazy.compactMap { presentation.entry(for: ServeProof.serverName(forMapKey: $0))?.entry.files.first }.first
            answers.sni = [SNIAnswer(names: names, key: KeySource(privateKey: entryKey ?? certificate, certificate: certificate, intermediates: chain))]
            answers.keepsDefaultPairs = true
            return answers
        }
    }
}

extension RenewalPlanner {
    /// The renewal checks for SNI entries: each named entry's current leaf against the new one.
    public func sniChecks(_ slot: RenewalSlot, presentation: ServerPresentation, new: Certificate?, file: String,
                          refusingDroppedNames: Bool) -> [Finding] {
        guard case .sni(let names) = slot else { return [] }
        let reader = PairReader(inspector: inspector)
        let newType = new.flatMap { ServerKeyType($0.keyAlgorithm) }
        return names.flatMap { name -> [Finding] in
            guard let entry = presentation.entry(named: name) else { return [] }
            let old = reader.pairs(entry.files).first { $0.keyType == newType }?.leaf
            return Self.checks(old: old, new: new, file: file, refusingDroppedNames: refusingDroppedNames)
        }
    }
}
