/// One language's message tables: each key's text, from every `.strings` file read.
struct CatalogTable: Sendable {
    /// The texts, by key.
    private(set) var texts: [String: String] = [:]
    /// Why the tables could not be read whole (missing, unsafe or damaged), or nil.
    var problem: String?

    /// Takes the entries of every table read, in reading order: a key that comes again
    /// replaces the earlier text. The dictionary is built once, at its full size (grown
    /// table by table it was rehashed about eleven times on every start). The pairs are
    /// handed over unlabelled, as the initializer takes them: an array of labelled pairs
    /// would first be converted whole, element by element.
    mutating func fill(with entries: [(key: String, value: String)]) {
        texts = Dictionary(entries.lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { _, later in later })
    }

    /// The text of `key`, nil when the tables lack it.
    subscript(key: String) -> String? { texts[key] }
}
