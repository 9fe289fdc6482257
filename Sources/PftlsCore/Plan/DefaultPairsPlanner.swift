/// Where the default pairs go when a change installs a key: the new pair takes the place of
/// the pair of its key type, a second new key (`additionalKey`) the place of its own, and
/// every pair of another type is kept. A kept pair stays in its files unless they hold a
/// pair being replaced; then it is copied into a file of its own, so nothing is lost.
struct DefaultPairsPlanner {
    /// A key and the chain served with it, leaf first.
    struct NewPair {
        let key: PrivateKey
        let chain: [Certificate]
        var type: ServerKeyType? { ServerKeyType(key.algorithm) }
    }

    /// A file the change writes besides the first pair's.
    struct ExtraFile {
        let path: String
        let pair: NewPair
        /// True for a kept pair copied out of a file that changes.
        let kept: Bool
    }

    /// What the default pairs become.
    struct Outcome {
        /// chain-file layout: the first pair's file.
        var primaryPath: String?
        var extraFiles: [ExtraFile] = []
        /// chain-file layout: every file of `smtpd_tls_chain_files`, in order.
        var chainFiles: [String] = []
        /// separate-files layout: the legacy settings of a kept pair.
        var keptLegacy: Set<String> = []
        var findings: [Finding] = []
        /// What a client restricted to each key type must be served afterwards.
        var served: [ServeProof.ServedPair] = []
    }

    let directory: String
    let layout: Answers.Layout
    let setup: TLSSetupInForce

    /// The pairs as they are, nothing written (`Answers.keepsDefaultPairs`).
    static func keeping(_ current: [PresentedPair], setup: TLSSetupInForce) -> Outcome {
        var outcome = Outcome()
        outcome.served = current.map { ServeProof.ServedPair(type: $0.keyType, chain: $0.report.servedChain, kept: true) }
        outcome.chainFiles = TLSSetupInForce.fileList(setup.value("smtpd_tls_chain_files"))
        return outcome
    }

    /// The file a pair of `type` gets when `smtpd-chain.pem` is taken.
    func path(for type: ServerKeyType?) -> String {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return base + "/smtpd-chain-\((type?.rawValue ?? "other").lowercased()).pem"
    }

    /// Plans the pairs for `primary` (and `additional`) over the `current` default pairs.
    func plan(current: [PresentedPair], primary: NewPair, additional: NewPair?, primaryPath: String?) -> Outcome {
        var outcome = Outcome()
        let newTypes = [primary.type] + (additional.map { [$0.type] } ?? [])
        let others = current.indices.filter { current[$0].keyType != nil && !newTypes.contains(current[$0].keyType) && current[$0].leaf != nil }
        let keptIndices = Set(others.filter { Self.servesBeside(current[$0], primary) })
        outcome.findings += others.filter { !keptIndices.contains($0) }.map { notKept(current[$0]) }
        let kept = keptIndices.sorted().map { current[$0] }
        // The files of every pair not kept: a kept pair in one of them must move out.
        let replacedFiles = Set(current.indices.filter { !keptIndices.contains($0) }.flatMap { current[$0].files })
        outcome.served = ([primary] + (additional.map { [$0] } ?? [])).map { ServeProof.ServedPair(type: $0.type, chain: $0.chain) }
            + kept.map { ServeProof.ServedPair(type: $0.keyType, chain: $0.report.servedChain, kept: true) }
        guard layout == .chainFile, let standard = primaryPath else {
            outcome.keptLegacy = keptLegacySettings(kept)
            outcome.findings = droppedTypes(current: current, kept: kept, newTypes: newTypes, keptLegacy: outcome.keptLegacy)
            return outcome
        }
        let keptFiles = Set(kept.flatMap(\.files))
        let primaryFile = keptFiles.contains(standard) ? path(for: primary.type) : standard
        outcome.primaryPath = primaryFile
        var written = Set([primaryFile])
        var placed: [(type: ServerKeyType?, files: [String])] = [(primary.type, [primaryFile])]
        if let additional {
            let file = path(for: additional.type)
            written.insert(file)
            outcome.extraFiles.append(ExtraFile(path: file, pair: additional, kept: false))
            placed.append((additional.type, [file]))
        }
        for pair in kept {
            guard let key = pair.report.privateKey else { continue }
            if pair.files.contains(where: { replacedFiles.contains($0) || written.contains($0) }) {
                let file = path(for: pair.keyType)
                written.insert(file)
                outcome.extraFiles.append(ExtraFile(path: file, pair: NewPair(key: key, chain: pair.report.servedChain), kept: true))
                placed.append((pair.keyType, [file]))
            } else {
                placed.append((pair.keyType, pair.files))
            }
        }
        // In the order the key types were loaded before, new types last: main.cf changes no more than it must.
        let order = current.compactMap(\.keyType)
        let rank = { (index: Int, type: ServerKeyType?) in (type.flatMap { order.firstIndex(of: $0) } ?? order.count, index) }
        let sorted = placed.enumerated().sorted { rank($0.offset, $0.element.type) < rank($1.offset, $1.element.type) }
        var seen = Set<String>()
        outcome.chainFiles = sorted.flatMap(\.element.files).filter { seen.insert($0).inserted }
        return outcome
    }

    /// True when `pair` is the same server's certificate in another key type: its leaf shares a
    /// name with the new one, and it is not a placeholder (a self-signed leaf, such as Debian's
    /// snakeoil, beside a CA-issued one). Another pair is replaced, not kept.
    static func servesBeside(_ pair: PresentedPair, _ primary: NewPair) -> Bool {
        guard let leaf = pair.leaf, let new = primary.chain.first else { return false }
        if leaf.isSelfSigned && !new.isSelfSigned { return false }
        let names = new.subjectAlternativeNames.compactMap(NamesInUse.value(ofEntry:))
        return names.contains { leaf.covers(name: $0) }
    }

    /// `key-type-replaced` (info) for a pair of another type that is not kept beside the new one.
    private func notKept(_ pair: PresentedPair) -> Finding {
        Finding(.keyTypeReplaced, .info, file: pair.files.last,
                message: Catalog.text("plan.key-type-replaced", ["type": pair.keyType?.rawValue ?? "?", "files": pair.files.map(SafeText.escape).joinedAsList(),
                                                                  "subject": SafeText.escape(pair.leaf?.subject ?? "?")]),
                hint: Catalog.text("plan.key-type-replaced.hint"))
    }

    /// separate-files: the legacy ECDSA/DSA settings whose pair is kept.
    private func keptLegacySettings(_ kept: [PresentedPair]) -> Set<String> {
        var settings = Set<String>()
        for (key, certificate) in ServerPresentation.legacyPairs.dropFirst() {
            let file = setup.value(certificate)
            guard !file.isEmpty, kept.contains(where: { $0.files.contains(file) }) else { continue }
            settings.formUnion([key, certificate])
        }
        return settings
    }

    /// `key-type-dropped` for a key type served now that the change does not keep
    /// (the separate-files layout holds one pair in smtpd_tls_cert_file).
    private func droppedTypes(current: [PresentedPair], kept: [PresentedPair], newTypes: [ServerKeyType?], keptLegacy: Set<String>) -> [Finding] {
        let keptLegacyFiles = Set(keptLegacy.map(setup.value))
        let stays = kept.filter { pair in pair.files.contains(where: keptLegacyFiles.contains) }.compactMap(\.keyType)
        let lost = Set(current.compactMap(\.keyType)).filter { !newTypes.contains($0) && !stays.contains($0) }
        return lost.sorted().map { type in
            Finding(.keyTypeDropped, .warning, file: setup.mainFile.path,
                    message: Catalog.text("plan.key-type-dropped", ["type": type.rawValue]),
                    hint: Catalog.text("plan.key-type-dropped.hint", ["type": type.rawValue]))
        }
    }
}

extension FindingCode {
    /// The change stops serving a key type served now.
    public static let keyTypeDropped: FindingCode = "key-type-dropped"
    /// A pair of another key type that is not the same server's certificate is not kept.
    public static let keyTypeReplaced: FindingCode = "key-type-replaced"
    /// A legacy pair of another key type moves into `smtpd_tls_chain_files`.
    public static let keyTypeKept: FindingCode = "key-type-kept"
}
