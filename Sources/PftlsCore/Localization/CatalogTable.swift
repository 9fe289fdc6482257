/// One language's message tables: each key's text, from every `.strings` file read.
struct CatalogTable: Sendable {
    /// The texts, by key.
    private(set) var texts: [String: String] = [:]
    /// Why the tables could not be read whole (missing, unsafe or damaged), or nil.
    var problem: String?

    /// Adds a `.strings` table's bytes; a key already present is replaced.
    mutating func add(_ table: [UInt8]) throws(StringsFile.Problem) {
        let entries = try StringsFile.parse(table)
        texts.reserveCapacity(texts.count + entries.count)
        for entry in entries { texts[entry.key] = entry.value }
    }

    /// The text of `key`, nil when the tables lack it.
    subscript(key: String) -> String? { texts[key] }
}
