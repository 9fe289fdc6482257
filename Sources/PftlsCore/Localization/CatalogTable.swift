/// One language's message tables: each key's text, from every `.strings` file read.
struct CatalogTable: Sendable {
    /// The texts, by key.
    private(set) var texts: [String: String] = [:]
    /// Why the tables could not be read whole (missing, unsafe or damaged), or nil.
    var problem: String?

    /// Adds a `.strings` table's bytes; a key already present is replaced.
    mutating func add(_ table: [UInt8]) throws(StringsFile.Problem) {
        // No reserveCapacity per table: reserving exactly the new count on each of ~30
        // tables rehashed the whole dictionary every time; growing doubles it.
        for entry in try StringsFile.parse(table) { texts[entry.key] = entry.value }
    }

    /// The text of `key`, nil when the tables lack it.
    subscript(key: String) -> String? { texts[key] }
}
