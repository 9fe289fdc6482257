/// Every help entry pftls has, and the ways to find one.
public enum ParameterHelpCatalog {
    /// The entries under headings, in the order `pftls explain` lists them.
    public static let sections: [HelpSection] = [
        HelpSection("Security levels", securityLevels),
        HelpSection("Server key and certificates", serverCertificates),
        HelpSection("Client trust anchors", clientTrust),
        HelpSection("Submission and SASL (master.cf -o overrides)", submission),
        HelpSection("Session caches, randomness, logging, protocols", tuning),
        HelpSection("Obsolete settings (pftls removes them)", obsolete),
        HelpSection("File layouts", layouts),
        HelpSection("Services", services),
    ]

    /// All entries, in the order of `sections`.
    public static let all: [ParameterHelp] = sections.flatMap(\.entries)

    /// The entry for `name` (case-insensitive); accepts `name=value`, `-o name=value`,
    /// and a bare layout or service name such as `chain-file` or `submissions`.
    public static func lookup(_ name: String) -> ParameterHelp? {
        let wanted = HelpQuery(name).name
        let candidates = [wanted, ParameterHelp.layoutPrefix + wanted, ParameterHelp.servicePrefix + wanted]
        for candidate in candidates {
            if let help = byName[candidate] { return help }
        }
        return nil
    }

    /// Up to `limit` entry names close to `name`: those it starts, those that
    /// contain it, then those within a small edit distance, best first.
    public static func suggestions(for name: String, limit: Int = 5) -> [String] {
        HelpSuggestions(query: HelpQuery(name).name).rank(all.map(\.name), limit: limit)
    }

    private static let byName: [String: ParameterHelp] =
        Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
}

/// A heading and the help entries under it.
public struct HelpSection: Equatable, Sendable {
    /// The heading, e.g. "Security levels".
    public let title: String
    /// The entries, in display order.
    public let entries: [ParameterHelp]

    /// Creates a section.
    init(_ title: String, _ entries: [ParameterHelp]) {
        self.title = title
        self.entries = entries
    }
}
