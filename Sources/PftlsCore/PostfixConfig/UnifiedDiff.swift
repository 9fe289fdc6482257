#if canImport(Glibc)
import Glibc
#endif

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

    /// The same on the files' bytes. Lines are compared and hashed as bytes, never as
    /// Unicode text, so a large file costs little more than a pass over its bytes.
    public static func make(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let oldLines = ByteLines(old)
        let newLines = ByteLines(new)
        let (oldIdentifiers, newIdentifiers) = identifiers(oldLines, newLines)
        let diff = LineDiff(old: oldIdentifiers, new: newIdentifiers)
        return render(deleted: diff.deleted, inserted: diff.inserted, oldLine: { Array(oldLines[$0]) }, newLine: { Array(newLines[$0]) },
                      oldLabel: oldLabel, newLabel: newLabel, context: context)
    }

    /// The diff of two files whose changed lines are already known: `deleted[i]` for each
    /// line of the old file, `inserted[j]` for each line of the new one. Lines (with their
    /// endings) are asked for only where a hunk shows them.
    static func render(deleted: [Bool], inserted: [Bool], oldLine: (Int) -> [UInt8], newLine: (Int) -> [UInt8],
                       oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let operations = editScript(deleted: deleted, inserted: inserted)
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
                case .equal: output += line(" ", oldLine(operation.oldIndex)[...])
                case .delete: output += line("-", oldLine(operation.oldIndex)[...])
                case .insert: output += line("+", newLine(operation.newIndex)[...])
                }
            }
        }
        return output
    }

    /// The lines of a file's bytes, each with its line ending (as `ConfigLine.rendered`).
    private struct ByteLines {
        let bytes: [UInt8]
        let ranges: [Range<Int>]

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var ranges: [Range<Int>] = []
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var start = 0
                while start < buffer.count {
                    guard let found = memchr(base + start, 0x0A, buffer.count - start) else {
                        ranges.append(start..<buffer.count)
                        break
                    }
                    let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    ranges.append(start..<end)
                    start = end
                }
            }
            self.ranges = ranges
        }

        var count: Int { ranges.count }
        subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

        /// FNV-1a over line `index`'s bytes.
        func hash(_ index: Int) -> UInt64 {
            bytes.withUnsafeBufferPointer { buffer in
                var hash: UInt64 = 0xcbf29ce484222325
                for byte in buffer[ranges[index]] { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
                return hash
            }
        }

        /// True when line `index` here and line `other` of `lines` hold the same bytes.
        func same(_ index: Int, as other: Int, of lines: ByteLines) -> Bool {
            let (mine, theirs) = (ranges[index], lines.ranges[other])
            guard mine.count == theirs.count else { return false }
            return bytes.withUnsafeBytes { a in lines.bytes.withUnsafeBytes { b in
                memcmp(a.baseAddress! + mine.lowerBound, b.baseAddress! + theirs.lowerBound, mine.count) == 0
            } }
        }
    }

    /// Line identifiers for `LineDiff`: equal lines, equal numbers. The common head and tail
    /// are numbered by position without hashing, since `LineDiff` skips them first anyway.
    /// The lines between are numbered through an open-addressing table of FNV-1a hashes
    /// whose collisions are settled with memcmp: no string and no dictionary key per line.
    private static func identifiers(_ old: ByteLines, _ new: ByteLines) -> ([Int], [Int]) {
        var head = 0
        while head < old.count && head < new.count && old.same(head, as: head, of: new) { head += 1 }
        var tail = 0
        while tail < old.count - head && tail < new.count - head && old.same(old.count - 1 - tail, as: new.count - 1 - tail, of: new) { tail += 1 }
        let middle = (old.count - head - tail) + (new.count - head - tail)
        var capacity = 16
        while capacity < middle * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        // The first line seen with each identifier: (0 old / 1 new, line index).
        var representatives: [(side: Int, line: Int)] = []
        func identify(_ side: Int, _ line: Int) -> Int {
            let lines = side == 0 ? old : new
            var slot = Int(truncatingIfNeeded: lines.hash(line)) & (capacity - 1)
            while slots[slot] >= 0 {
                let known = representatives[Int(slots[slot])]
                if lines.same(line, as: known.line, of: known.side == 0 ? old : new) { return head + tail + Int(slots[slot]) }
                slot = (slot + 1) & (capacity - 1)
            }
            slots[slot] = Int32(representatives.count)
            representatives.append((side, line))
            return head + tail + representatives.count - 1
        }
        let tailIdentifiers = Array(head..<head + tail)
        let oldIdentifiers = Array(0..<head) + (head..<old.count - tail).map { identify(0, $0) } + tailIdentifiers
        let newIdentifiers = Array(0..<head) + (head..<new.count - tail).map { identify(1, $0) } + tailIdentifiers
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
