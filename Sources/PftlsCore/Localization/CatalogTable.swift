/// One language's message tables: their bytes, and where each key's text lies in them.
/// A text is decoded when it is looked up, so reading the tables costs one pass.
struct CatalogTable: Sendable {
    private var bytes: [UInt8] = []
    private var index: [String: StringsFile.ValueRange] = Dictionary(minimumCapacity: 1024)
    /// Why the tables could not be read whole (missing, unsafe or damaged), or nil.
    var problem: String?

    /// Adds a `.strings` table's bytes; a key already present is replaced.
    mutating func add(_ table: [UInt8]) throws(StringsFile.Problem) {
        let base = Int32(bytes.count)
        for entry in try StringsFile.index(table) { index[entry.key] = entry.value.shifted(by: base) }
        bytes += table
    }

    /// The text of `key`, nil when the tables lack it.
    subscript(key: String) -> String? {
        index[key].map { StringsFile.value($0, in: bytes) }
    }

    /// Every key.
    var keys: Dictionary<String, StringsFile.ValueRange>.Keys { index.keys }
}

extension StringsFile.ValueRange {
    /// The same range in a buffer where the table starts `base` bytes in.
    func shifted(by base: Int32) -> Self { Self(start: start + base, end: end + base, escaped: escaped) }
}
