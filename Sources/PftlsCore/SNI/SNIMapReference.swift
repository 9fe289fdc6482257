/// `tls_server_sni_maps` as main.cf (or a master.cf `-o`) names it: `hash:/etc/postfix/sni`,
/// `texthash:/etc/postfix/sni`, `inline:{ … }`, `regexp:/etc/postfix/sni.re`.
public struct SNIMapReference: Equatable, Sendable {
    /// The table type (`hash`, `lmdb`, `texthash`, `inline`, `regexp`, `pcre`, …).
    public let type: String
    /// The source file (for inline: the text between the braces).
    public let name: String

    /// Types whose lookups read a database that `postmap -F` builds from the source file:
    /// the database holds the files' contents, so it is stale when they change.
    public static let indexedTypes: Set<String> = ["hash", "btree", "lmdb", "cdb", "dbm", "sdbm"]

    /// True for an indexed table (`postmap -F` needed after every change of its files).
    public var isIndexed: Bool { Self.indexedTypes.contains(type) }

    /// True when the source file lists names and files pftls can read and edit (not patterns).
    public var listsNames: Bool { isIndexed || type == "texthash" || type == "inline" }

    /// Parses one table reference; `${default_database_type}` is expanded with `defaultType`.
    public init?(_ text: String, defaultType: String = "hash") {
        let trimmed = text.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        var type = String(trimmed[..<colon])
        if type == "${default_database_type}" || type == "$default_database_type" { type = defaultType }
        var name = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
        if type == "inline" {
            guard name.hasPrefix("{"), name.hasSuffix("}") else { return nil }
            name = String(name.dropFirst().dropLast()).trimmingWhitespace()
        }
        guard !type.isEmpty, !name.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        self.type = type
        self.name = name
    }
}
