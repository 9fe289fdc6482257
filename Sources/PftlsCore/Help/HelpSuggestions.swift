/// Ranks entry names by how likely a mistyped `query` meant them.
struct HelpSuggestions {
    /// The lowercased name that was not found.
    let query: String

    /// The matching names, best first, at most `limit`.
    func rank(_ names: [String], limit: Int) -> [String] {
        guard !query.isEmpty else { return [] }
        let scored = names.enumerated().compactMap { index, name in score(name).map { (score: $0, index: index, name: name) } }
        return scored.sorted { ($0.score, $0.index) < ($1.score, $1.index) }.prefix(limit).map(\.name)
    }

    /// Lower is better; nil when `name` is not close at all.
    private func score(_ name: String) -> Int? {
        let candidate = name.lowercased()
        let short = candidate.split(separator: ".", maxSplits: 1).last.map(String.init) ?? candidate
        if candidate.hasPrefix(query) || short.hasPrefix(query) { return 0 }
        if query.count >= 3 && candidate.contains(query) { return 1 }
        let distance = min(Self.editDistance(query, candidate), Self.editDistance(query, short))
        return distance <= max(2, query.count / 5) ? 1 + distance : nil
    }

    /// The Levenshtein distance between `a` and `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
