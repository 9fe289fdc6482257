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
        let operations = editScript(deleted: deleted, inserted: inserted)
        let hunks = hunkRanges(operations, context: max(0, context))
        guard !hunks.isEmpty else { return "" }

        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            let slice = operations[hunk]
            let oldCount = slice.filter { $0.kind != .insert }.count
            let newCount = slice.filter { $0.kind != .delete }.count
            let first = slice[hunk.lowerBound]
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

    /// Which lines of `oldLines` go (`deleted`) and which of `newLines` come (`inserted`),
    /// by `difference(from:)`. Lines the files share at the start and at the end are not
    /// searched (as GNU diff does).
    static func changedLines(oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>]) -> (deleted: [Bool], inserted: [Bool]) {
        let head = zip(oldLines, newLines).prefix { $0 == $1 }.count
        let tail = zip(oldLines[head...].reversed(), newLines[head...].reversed()).prefix { $0 == $1 }.count
        // The comparison is passed as a closure so that it is compiled for byte slices here:
        // `difference(from:)` alone compares them through generic code, a call per byte.
        let changes = newLines[head..<newLines.count - tail].difference(from: oldLines[head..<oldLines.count - tail]) { $0 == $1 }
        var deleted = [Bool](repeating: false, count: oldLines.count)
        var inserted = [Bool](repeating: false, count: newLines.count)
        for change in changes {
            switch change {
            case .remove(let offset, _, _): deleted[head + offset] = true
            case .insert(let offset, _, _): inserted[head + offset] = true
            }
        }
        return (deleted, inserted)
    }

    /// One step of the edit script; the indices are where the step stands in each text.
    private struct Operation {
        enum Kind { case equal, delete, insert }
        let kind: Kind
        let oldIndex: Int
        let newIndex: Int
    }

    /// The edit script, deletions before insertions within each change, as `diff -u` prints them.
    private static func editScript(deleted: [Bool], inserted: [Bool]) -> [Operation] {
        var operations: [Operation] = []
        var (oldIndex, newIndex) = (0, 0)
        while oldIndex < deleted.count || newIndex < inserted.count {
            if oldIndex < deleted.count && deleted[oldIndex] {
                operations.append(Operation(kind: .delete, oldIndex: oldIndex, newIndex: newIndex))
                oldIndex += 1
            } else if newIndex < inserted.count && inserted[newIndex] {
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

    private static func line(_ prefix: String, _ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.last == UInt8(ascii: "\n") ? prefix + text : prefix + text + "\n\\ No newline at end of file\n"
    }
}
