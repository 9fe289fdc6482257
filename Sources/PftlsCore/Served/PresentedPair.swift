/// One private key and the chain a server presents with it, as Postfix loads it from
/// `smtpd_tls_chain_files` (or a legacy pair, or an SNI map entry), inspected on its own.
public struct PresentedPair {
    /// The files that hold it, in load order. A file that holds two pairs is named by both.
    public let files: [String]
    /// The key's type; nil when the key could not be read.
    public let keyType: ServerKeyType?
    /// The inspection of this pair alone: its key, its chain, its findings.
    public let report: InspectionReport

    /// The leaf certificate presented with the key.
    public var leaf: Certificate? { report.leaf }

    /// Creates a pair from its inspection.
    public init(files: [String], report: InspectionReport) {
        self.files = files
        self.report = report
        keyType = report.privateKey.flatMap { ServerKeyType($0.algorithm) }
    }
}

/// Reads files the way `smtpd_tls_chain_files` and an SNI map value are read: as if
/// concatenated, each private key starting a pair that its certificates follow
/// (postconf(5)), and inspects each pair on its own.
public struct PairReader {
    let inspector: Inspector

    /// Creates a reader inspecting with `inspector`.
    public init(inspector: Inspector) { self.inspector = inspector }

    /// The pairs `files` hold, in order. Files with no key at all give one pair, so the
    /// inspection still says what is missing. `issuers` (such as `smtpd_tls_CAfile`, from
    /// which OpenSSL completes a server's chain) are read once and offered to every pair;
    /// their own findings go with the first. A file in `loaded` (decoded with the same
    /// options) is not read again.
    public func pairs(_ files: [String], issuers: [String] = [], options: InspectionOptions = InspectionOptions(),
                      loaded: [DecodedFile] = []) -> [PresentedPair] {
        let decoded = files.map { path in loaded.first { $0.path == path } ?? inspector.load(path, passphrases: options.passphrases) }
        let extra = issuers.map { inspector.load($0, passphrases: nil) }
        return Self.split(decoded).enumerated().map { index, group in
            let offered = index == 0 ? extra : extra.map { file in
                var quiet = file
                quiet.findings = []
                return quiet
            }
            return PresentedPair(files: Self.uniquePaths(group), report: inspector.inspect(decoded: group + offered, options: options))
        }
    }

    /// The decoded files cut at each private key: each group holds one key and the
    /// certificates after it. Findings about a file stay with the first group that names it.
    static func split(_ files: [DecodedFile]) -> [[DecodedFile]] {
        var groups: [[DecodedFile]] = []
        var current: [DecodedFile] = []
        var reported = Set<String>()
        func piece(of file: DecodedFile, items: [DecodedItem]) -> DecodedFile {
            var part = file
            part.items = items
            if !reported.insert(file.path).inserted { part.findings = [] }
            return part
        }
        for file in files {
            var items: [DecodedItem] = []
            for item in file.items {
                if case .privateKey = item.object, current.contains(where: \.holdsKey) || items.contains(where: \.isKey) {
                    if !items.isEmpty { current.append(piece(of: file, items: items)) }
                    groups.append(current)
                    current = []
                    items = []
                }
                items.append(item)
            }
            if !items.isEmpty || !file.findings.isEmpty || file.hasEncryptedKey { current.append(piece(of: file, items: items)) }
        }
        if !current.isEmpty { groups.append(current) }
        // Keep a file that only failed to read in the group, empty groups out.
        return groups.filter { group in group.contains { !$0.items.isEmpty || !$0.findings.isEmpty } }
    }

    private static func uniquePaths(_ group: [DecodedFile]) -> [String] {
        var seen = Set<String>()
        return group.map(\.path).filter { seen.insert($0).inserted }
    }
}

extension DecodedItem {
    var isKey: Bool { if case .privateKey = object { true } else { false } }
}

extension DecodedFile {
    var holdsKey: Bool { items.contains(where: \.isKey) || hasEncryptedKey }
}
