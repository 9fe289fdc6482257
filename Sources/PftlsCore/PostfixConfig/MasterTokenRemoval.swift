/// How to delete some words of a master.cf entry while leaving every other word, and
/// the lines it does not touch, exactly as they are.
///
/// A line left with no words is deleted; otherwise each run of deleted words goes
/// together with the whitespace before it (or after it, at the start of a line).
struct MasterTokenRemoval {
    /// Edits within lines that keep some words.
    let edits: [LineEdit]
    /// Continuation lines that lose all their words.
    let deletedLines: [Int]

    /// Plans removing the tokens at `doomed` from `entry`. Nil when a token of the entry
    /// spans lines; callers then rewrite the whole entry.
    init?(removing doomed: Set<Int>, from entry: MasterEntry) {
        guard entry.tokens.allSatisfy({ $0.start.line == $0.end.line }) else { return nil }
        var edits: [LineEdit] = []
        var deletedLines: [Int] = []
        let lines = Dictionary(grouping: entry.tokens.indices, by: { entry.tokens[$0].start.line })
        for (line, indices) in lines where indices.contains(where: doomed.contains) {
            if indices.allSatisfy(doomed.contains) && line != entry.logical.head {
                deletedLines.append(line)
                continue
            }
            for run in Self.runs(of: doomed, in: indices) {
                edits.append(Self.edit(removing: run, lineTokens: indices, entry: entry))
            }
        }
        self.edits = edits
        self.deletedLines = deletedLines
    }

    /// Maximal runs of consecutive doomed token indices among `indices` (in order).
    private static func runs(of doomed: Set<Int>, in indices: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for index in indices where doomed.contains(index) {
            if let last = runs.last, last.upperBound == index - 1 {
                runs[runs.count - 1] = last.lowerBound...index
            } else {
                runs.append(index...index)
            }
        }
        return runs
    }

    private static func edit(removing run: ClosedRange<Int>, lineTokens: [Int], entry: MasterEntry) -> LineEdit {
        let tokens = entry.tokens
        let first = tokens[run.lowerBound]
        if let previous = lineTokens.last(where: { $0 < run.lowerBound }) {
            return LineEdit(line: first.start.line, range: tokens[previous].end.offset..<tokens[run.upperBound].end.offset, replacement: "")
        }
        let next = lineTokens.first { $0 > run.upperBound }!
        return LineEdit(line: first.start.line, range: first.start.offset..<tokens[next].start.offset, replacement: "")
    }
}
