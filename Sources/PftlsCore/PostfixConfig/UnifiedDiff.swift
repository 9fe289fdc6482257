/// Unified diffs in the format of `diff -u`, for showing what pftls will change.
public enum UnifiedDiff {
    /// The unified diff from `old` to `new`, or the empty string when they are equal.
    ///
    /// Lines are compared with their line endings, so a changed line ending shows as a
    /// change, and a last line without a newline is followed by
    /// `\ No newline at end of file` as GNU diff writes it. Hunks carry `context` lines
    /// of context and are merged when the context between them would overlap.
    public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        make(old: Array(old.utf8), new: Array(new.utf8), oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    /// The same on the files' bytes: lines are compared as bytes, never as Unicode text.
    public static func make(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        make(oldLines: old.linesWithEndings, newLines: new.linesWithEndings, oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    /// The same on the files' lines, each with its line ending (`linesWithEndings`).
    static func make(oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>], oldLabel: String, newLabel: String,
                     context: Int = 3) -> String {
        let (deleted, inserted) = changedLines(oldLines: oldLines, newLines: newLines)
        let hunks = hunks(changes(deleted: deleted, inserted: inserted), context: max(0, context),
                          ends: Position(old: oldLines.count, new: newLines.count))
        guard !hunks.isEmpty else { return "" }

        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            output += "@@ -\(range(start: hunk.start.old, count: hunk.end.old - hunk.start.old))"
                + " +\(range(start: hunk.start.new, count: hunk.end.new - hunk.start.new)) @@\n"
            // Deletions before insertions within each change, as `diff -u` prints them.
            var at = hunk.start
            while at != hunk.end {
                if at.old < deleted.count && deleted[at.old] {
                    output += line("-", oldLines[at.old])
                    at.old += 1
                } else if at.new < inserted.count && inserted[at.new] {
                    output += line("+", newLines[at.new])
                    at.new += 1
                } else {
                    output += line(" ", oldLines[at.old])
                    at = Position(old: at.old + 1, new: at.new + 1)
                }
            }
        }
        return output
    }

    /// Which lines of `oldLines` go (`deleted`) and which of `newLines` come (`inserted`),
    /// by `difference(from:)` over the stretches `SearchedStretches` leaves to search.
    static func changedLines(oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>],
                             largestSearchedWhole: Int = SearchedStretches.largestSearchedWhole) -> (deleted: [Bool], inserted: [Bool]) {
        var deleted = [Bool](repeating: false, count: oldLines.count)
        var inserted = [Bool](repeating: false, count: newLines.count)
        for stretch in SearchedStretches.find(oldLines: oldLines, newLines: newLines, largestSearchedWhole: largestSearchedWhole) {
            // Lines on one side only are all changes: no search (its cost grows with their square).
            guard !stretch.old.isEmpty, !stretch.new.isEmpty else {
                stretch.old.forEach { deleted[$0] = true }
                stretch.new.forEach { inserted[$0] = true }
                continue
            }
            // The comparison is passed as a closure so that it is compiled for byte slices here:
            // `difference(from:)` alone compares them through generic code, a call per byte.
            for change in newLines[stretch.new].difference(from: oldLines[stretch.old], by: { $0 == $1 }) {
                switch change {
                case .remove(let offset, _, _): deleted[stretch.old.lowerBound + offset] = true
                case .insert(let offset, _, _): inserted[stretch.new.lowerBound + offset] = true
                }
            }
        }
        return (deleted, inserted)
    }

    /// A place in both texts: the index of the next old line and of the next new line.
    private struct Position: Equatable {
        var old: Int
        var new: Int
    }

    /// Where a run of lines starts and where it ends, in both texts: a change, or a hunk
    /// (changes with the shared lines around them).
    private struct Span {
        let start: Position
        let end: Position
    }

    /// The changes, each a run of lines that go or come with no shared line between them.
    /// Only the changes are kept: a 500,000-line file with two changes gives two spans.
    private static func changes(deleted: [Bool], inserted: [Bool]) -> [Span] {
        let isChange = { (at: Position) in
            at.old < deleted.count && deleted[at.old] || at.new < inserted.count && inserted[at.new]
        }
        var result: [Span] = []
        var at = Position(old: 0, new: 0)
        while at.old < deleted.count || at.new < inserted.count {
            guard isChange(at) else {
                at = Position(old: at.old + 1, new: at.new + 1)
                continue
            }
            let start = at
            while isChange(at) {
                if at.old < deleted.count && deleted[at.old] { at.old += 1 } else { at.new += 1 }
            }
            result.append(Span(start: start, end: at))
        }
        return result
    }

    /// The hunks: each change with up to `context` shared lines around it, changes with at
    /// most `2 * context` shared lines between them in one hunk. `ends` is both texts' length.
    private static func hunks(_ changes: [Span], context: Int, ends: Position) -> [Span] {
        var result: [Span] = []
        for change in changes {
            let before = min(context, change.start.old, change.start.new)
            let after = min(context, ends.old - change.end.old, ends.new - change.end.new)
            let end = Position(old: change.end.old + after, new: change.end.new + after)
            // `last.end` already holds `context` lines after the last change: `<= context`
            // here is at most `2 * context` shared lines between the two changes.
            if let last = result.last, change.start.old - last.end.old <= context {
                result[result.count - 1] = Span(start: last.start, end: end)
            } else {
                result.append(Span(start: Position(old: change.start.old - before, new: change.start.new - before), end: end))
            }
        }
        return result
    }

    /// `start,count` as in a hunk header; `start` is the 0-based index of the first line.
    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    private static func line(_ prefix: String, _ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.last == UInt8(ascii: "\n") ? prefix + text : prefix + text + "\n\\ No newline at end of file\n"
    }
}
