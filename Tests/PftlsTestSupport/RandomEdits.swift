/// Small random edits of a file's lines, for the diff's random tests: `count` times, a line
/// at a random place is removed, or a new one (`inserting`) is put there.
package enum RandomEdits {
    /// `lines` after `count` random removals and insertions, drawn from `generator`.
    package static func applied(to lines: [String], times count: Int, using generator: inout SplitMix64,
                                inserting newLine: (inout SplitMix64) -> String) -> [String] {
        var edited = lines
        for _ in 0..<count {
            let position = Int.random(in: 0...edited.count, using: &generator)
            if Bool.random(using: &generator), position < edited.count {
                edited.remove(at: position)
            } else {
                edited.insert(newLine(&generator), at: position)
            }
        }
        return edited
    }
}
