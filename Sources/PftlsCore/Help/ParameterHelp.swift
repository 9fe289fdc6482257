/// The long help for one thing pftls writes or reads: a Postfix parameter, a
/// file layout (`layout.NAME`) or a mail service (`service.NAME`).
///
/// The same texts feed `pftls explain` and the wizard's F1 help, so the
/// summaries are short enough for an 80-column screen.
public struct ParameterHelp: Equatable, Sendable {
    /// What an entry describes.
    public enum Kind: Equatable, Sendable {
        /// A real main.cf or master.cf `-o` parameter.
        case parameter
        /// A way pftls lays out the key and certificates (`layout.NAME`).
        case layout
        /// A mail service pftls sets up in master.cf (`service.NAME`).
        case service
        /// A finding `check` reports (`finding.CODE`).
        case finding
    }

    /// The parameter name as Postfix spells it, or `layout.NAME` / `service.NAME`.
    public let name: String
    /// One line, at most 70 columns, shown next to options in the wizard (from the catalog).
    public var summary: String { Catalog.text("help.\(name).summary") }
    /// Several short paragraphs separated by blank lines: what it does, what
    /// pftls sets and why, and the pitfalls (from the catalog).
    public var explanation: String { Catalog.text("help.\(name).explanation") }
    /// Where Postfix documents it, e.g. `postconf(5): smtpd_tls_chain_files`.
    public let reference: String
    /// The first Postfix release that has it, e.g. `3.4`; nil when older than 2.2.
    public let sinceVersion: String?
    /// The Postfix 3.7 default (`postconf -d NAME`, "" when empty); nil for
    /// layouts and services, which are not parameters.
    public let defaultValue: String?
    /// Help for each value the wizard offers, in the order it offers them.
    public let values: [ValueHelp]
    /// True for settings Postfix replaced; pftls removes them from main.cf.
    public let isObsolete: Bool

    /// The kind of entry, from the name's prefix.
    public var kind: Kind {
        if name.hasPrefix(ParameterHelp.layoutPrefix) { return .layout }
        if name.hasPrefix(ParameterHelp.servicePrefix) { return .service }
        if name.hasPrefix(ParameterHelp.findingPrefix) { return .finding }
        return .parameter
    }

    /// The help for `value` of this parameter (case-insensitive), if there is one.
    public func value(_ value: String) -> ValueHelp? {
        values.first { $0.value.lowercased() == value.lowercased() }
    }

    static let layoutPrefix = "layout."
    static let servicePrefix = "service."
    static let findingPrefix = "finding."

    /// Creates an entry; the reference defaults to the parameter's postconf(5) section.
    init(_ name: String, since: String? = nil, default defaultValue: String?,
         values: [ValueHelp] = [], obsolete: Bool = false, reference: String? = nil) {
        self.name = name
        self.reference = reference ?? "postconf(5): \(name)"
        self.sinceVersion = since
        self.defaultValue = defaultValue
        self.values = values.map { ValueHelp($0.value, parameter: name) }
        self.isObsolete = obsolete
    }
}

/// The help for one value of a parameter, such as the `dane` security level.
public struct ValueHelp: Equatable, Sendable {
    /// The value as written in main.cf or master.cf.
    public let value: String
    /// The parameter it is a value of (for the catalog's keys).
    let parameter: String
    /// One line, at most 60 columns, shown in the wizard's radio lists (from the catalog).
    public var summary: String { Catalog.text("help.\(parameter).value.\(value).summary") }
    /// A few sentences on when to choose it and what it needs (from the catalog).
    public var explanation: String { Catalog.text("help.\(parameter).value.\(value).explanation") }

    /// Creates the help for one value; the entry it belongs to fills in `parameter`.
    init(_ value: String, parameter: String = "") {
        self.value = value
        self.parameter = parameter
    }
}
