/// Unified diffs in the format of `diff -u`, for showing what pftls will change.
public enum UnifiedDiff {
    /// The unified diff from `old` to `new`, or the empty string when they are equal.
    ///
    /// Lines are compared with their line endings, so a changed line ending shows as a
    /// change, and a last line without a newline is followed by
    /// `\ No newline at end of file` as GNU diff writes it. Hunks carry `context` lines
    /// of context and are merged when the context between them would overlap.
    public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let oldLines = physicalLines(old)
        let newLines = physicalLines(new)
        let (oldIdentifiers, newIdentifiers) = identifiers(oldLines, newLines)
        let diff = LineDiff(old: oldIdentifiers, new: newIdentifiers)
        let operations = editScript(diff)
        let hunks = hunkRanges(operations, context: max(0, context))
        guard !hunks.isEmpty else { return "" }

        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            let slice = operations[hunk]
            let oldCount = slice.filter { $0.kind != .insert }.count
            let newCount = slice.filter { $0.kind != .delete }.count
            let first = slice.first!
            output += "@@ -\(range(start: first.oldIndex, count: oldCount)) +\(range(start: first.newIndex, count: newCount)) @@\n"
            for operation in slice {
                switch operation.kind {
                case .equal: output += line(" ", oldLines[operation.oldIndex])
                case .delete: output += line("-", oldLines[operation.oldIndex])
                case .insert: output += line("+", newLines[operation.newIndex])
                }
            }
        }
        return output
    }

    /// The lines of `text`, each with its line ending (as `ConfigLine.rendered`), sharing
    /// `text`'s storage.
    private static func physicalLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = text.startIndex
        while start < text.endIndex {
            guard let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                lines.append(text[start...])
                break
            }
            let end = utf8.index(after: newline)
            lines.append(text[start..<end])
            start = end
        }
        return lines
    }

    /// Line identifiers for `LineDiff`: equal lines, equal numbers. The common head and tail
    /// are numbered by position without hashing, since `LineDiff` skips them first anyway;
    /// that keeps a large file with a few edits cheap.
    private static func identifiers(_ old: [Substring], _ new: [Substring]) -> ([Int], [Int]) {
        var head = 0
        while head < old.count && head < new.count && old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head && tail < new.count - head && old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        var table: [Substring: Int] = [:]
        func identify(_ line: Substring) -> Int {
            if let known = table[line] { return known }
            let identifier = head + tail + table.count
            table[line] = identifier
            return identifier
        }
        let tailIdentifiers = Array(head..<head + tail)
        let oldIdentifiers = Array(0..<head) + old[head..<old.count - tail].map(identify) + tailIdentifiers
        let newIdentifiers = Array(0..<head) + new[head..<new.count - tail].map(identify) + tailIdentifiers
        return (oldIdentifiers, newIdentifiers)
    }

    /// One step of the edit script; the indices are where the step stands in each text.
    private struct Operation {
        enum Kind { case equal, delete, insert }
        let kind: Kind
        let oldIndex: Int
        let newIndex: Int
    }

    /// The edit script, deletions before insertions within each change, as `diff -u` prints them.
    private static func editScript(_ diff: LineDiff) -> [Operation] {
        var operations: [Operation] = []
        var (oldIndex, newIndex) = (0, 0)
        while oldIndex < diff.deleted.count || newIndex < diff.inserted.count {
            if oldIndex < diff.deleted.count && diff.deleted[oldIndex] {
                operations.append(Operation(kind: .delete, oldIndex: oldIndex, newIndex: newIndex))
                oldIndex += 1
            } else if newIndex < diff.inserted.count && diff.inserted[newIndex] {
                operations.append(Operation(kind: .insert, oldIndex: oldIndex, newIndex: newIndex))
                newIndex += 1
            } else {
                operations.append(Operation(kind: .equal, oldIndex: oldIndex, newIndex: newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        return operations
    }

    /// The ranges of `operations` shown as hunks: each change with `context` lines around
    /// it, changes closer than `2 * context` lines sharing a hunk.
    private static func hunkRanges(_ operations: [Operation], context: Int) -> [Range<Int>] {
        let changes = operations.indices.filter { operations[$0].kind != .equal }
        var hunks: [Range<Int>] = []
        for change in changes {
            if let last = hunks.last, change - last.upperBound <= context {
                hunks[hunks.count - 1] = last.lowerBound..<min(operations.count, change + 1 + context)
            } else {
                hunks.append(max(0, change - context)..<min(operations.count, change + 1 + context))
            }
        }
        return hunks
    }

    /// `start,count` as in a hunk header; `start` is the 0-based index of the first line.
    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    private static func line(_ prefix: String, _ text: Substring) -> String {
        // Compare bytes: as a Character, "\r\n" is not "\n".
        text.utf8.last == UInt8(ascii: "\n") ? prefix + text : prefix + text + "\n\\ No newline at end of file\n"
    }
}
