/// Every help entry pftls has, and the ways to find one.
public enum ParameterHelpCatalog {
    /// The entries under headings, in the order `pftls explain` lists them.
    public static let sections: [HelpSection] = [
        HelpSection(1, securityLevels),
        HelpSection(2, serverCertificates),
        HelpSection(3, clientTrust),
        HelpSection(4, submission),
        HelpSection(5, tuning),
        HelpSection(6, obsolete),
        HelpSection(7, layouts),
        HelpSection(8, services),
        HelpSection(9, findings),
    ]

    /// All entries, in the order of `sections`.
    public static let all: [ParameterHelp] = sections.flatMap(\.entries)

    /// The entry for `name` (case-insensitive); accepts `name=value`, `-o name=value`,
    /// and a bare layout or service name such as `chain-file` or `submissions`.
    public static func lookup(_ name: String) -> ParameterHelp? {
        let wanted = HelpQuery(name).name
        let candidates = [wanted, ParameterHelp.layoutPrefix + wanted, ParameterHelp.servicePrefix + wanted, ParameterHelp.findingPrefix + wanted]
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
    /// The section's number in the catalog (`help.section.N`).
    let number: Int
    /// The heading, e.g. "Security levels" (from the catalog).
    public var title: String { Catalog.text("help.section.\(number)") }
    /// The entries, in display order.
    public let entries: [ParameterHelp]

    /// Creates section `number` of the catalog.
    init(_ number: Int, _ entries: [ParameterHelp]) {
        self.number = number
        self.entries = entries
    }
}
