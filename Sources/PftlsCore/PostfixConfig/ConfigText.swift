/// The physical lines of a Postfix configuration file, grouped the way Postfix groups them.
///
/// Shared by `MainConfig` and `MasterConfig`: both files use the same logical-line rules
/// (a line starting with whitespace continues the previous one; comment and blank lines
/// are skipped without ending it). Editing works on whole physical lines, so every line an
/// edit does not touch is written back byte for byte.
///
/// The file's bytes are kept once. A line is a span of them (12 bytes per line), or, once
/// an edit wrote it, an index into the texts edits added; a 500,000-line main.cf costs its
/// size plus 6 MB, not a string per line.
struct ConfigText: Sendable {
    /// The file as read.
    private let source: [UInt8]
    /// The physical lines, in file order.
    private var spans: [LineSpan]
    /// The texts of lines that edits wrote, without terminators.
    private var added: [[UInt8]] = []
    /// The indices of the lines that start a logical line, ascending; kept up to date by
    /// every edit, so a lookup by name visits the settings, not a list continued over
    /// thousands of lines.
    private(set) var startLines: [Int] = []

    /// Where one line's text is, and how it ends.
    private struct LineSpan: Sendable {
        /// Offset in `source`, or index in `added` when `isAdded`.
        var start: UInt32
        var length: UInt32
        var terminator: Terminator
        var isAdded: Bool

        /// True when both spans are the same bytes of the file as read (terminators aside).
        func isUnedited(sameAs other: LineSpan) -> Bool {
            !isAdded && !other.isAdded && start == other.start && length == other.length
        }
    }

    /// How a line ends.
    enum Terminator: UInt8, Sendable {
        case none, lf, crlf

        var bytes: [UInt8] {
            switch self {
            case .none: []
            case .lf: [0x0A]
            case .crlf: [0x0D, 0x0A]
            }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }

        /// How many bytes the ending takes.
        var length: Int { self == .crlf ? 2 : self == .lf ? 1 : 0 }

        /// True when `file` holds this ending at `offset`.
        func isFound(in file: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
            switch self {
            case .none: true
            case .lf: offset < file.count && file[offset] == 0x0A
            case .crlf: offset + 1 < file.count && file[offset] == 0x0D && file[offset + 1] == 0x0A
            }
        }
    }

    /// Splits `text` into lines.
    init(parsing text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Splits a file's bytes into lines, keeping the bytes as they are (invalid UTF-8 too).
    init(bytes: [UInt8]) {
        source = bytes
        var spans: [LineSpan] = []
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // One line: its span, and its index when it starts a logical line.
            let add = { (start: Int, end: Int, terminator: Terminator) in
                if ConfigLine.kind(ofBytes: UnsafeBufferPointer(rebasing: buffer[start..<end])) == .start { starts.append(spans.count) }
                spans.append(LineSpan(start: UInt32(start), length: UInt32(end - start), terminator: terminator, isAdded: false))
            }
            var start = 0
            while start < buffer.count {
                guard let found = memchr(base + start, 0x0A, buffer.count - start) else {
                    add(start, buffer.count, .none)
                    break
                }
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let crlf = newline > start && buffer[newline - 1] == 0x0D
                add(start, crlf ? newline - 1 : newline, crlf ? .crlf : .lf)
                start = newline + 1
            }
        }
        self.spans = spans
        startLines = starts
    }

    // MARK: Reading

    /// The number of physical lines.
    var lineCount: Int { spans.count }

    /// Calls `body` with the bytes of line `index`, without its terminator.
    func withBytes<Result>(ofLine index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let span = spans[index]
        if span.isAdded { return added[Int(span.start)].withUnsafeBufferPointer(body) }
        return source.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start + span.length)]))
        }
    }

    /// How Postfix reads line `index`, from its bytes.
    func kind(ofLine index: Int) -> ConfigLineKind {
        withBytes(ofLine: index) { ConfigLine.kind(ofBytes: $0) }
    }

    /// The physical lines as values (a view: each is made when read). Hot loops use
    /// `withBytes(ofLine:)` and `kind(ofLine:)` instead.
    var lines: Lines { Lines(text: self) }

    /// The lines as `ConfigLine` values, made on demand.
    struct Lines: RandomAccessCollection {
        let text: ConfigText
        var startIndex: Int { 0 }
        var endIndex: Int { text.spans.count }
        subscript(index: Int) -> ConfigLine {
            ConfigLine(text: text.withBytes(ofLine: index) { String(decoding: $0, as: UTF8.self) },
                       terminator: text.spans[index].terminator.text)
        }
    }

    /// The file contents as bytes. Lines still as read, one after another in the file,
    /// are copied as one run of bytes.
    func renderBytes() -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(source.count + added.reduce(0) { $0 + $1.count + 2 })
        source.withUnsafeBufferPointer { file in
            var run = 0..<0
            let flush = { (result: inout [UInt8]) in
                result.append(contentsOf: UnsafeBufferPointer(rebasing: file[run]))
                run = 0..<0
            }
            for span in spans {
                let end = Int(span.start + span.length)
                if !span.isAdded, span.terminator.isFound(in: file, at: end) {
                    // The line and its ending are as read: extend the run, or start a new one.
                    if run.upperBound != Int(span.start) { flush(&result); run = Int(span.start)..<Int(span.start) }
                    run = run.lowerBound..<end + span.terminator.length
                    continue
                }
                flush(&result)
                if span.isAdded { result.append(contentsOf: added[Int(span.start)]) } else { result.append(contentsOf: file[Int(span.start)..<end]) }
                result.append(contentsOf: span.terminator.bytes)
            }
            flush(&result)
        }
        return result
    }

    /// The file contents.
    func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// The line ending new lines should use: the one of the first terminated line, else `\n`.
    private var lineEnding: Terminator {
        spans.first(where: { $0.terminator != .none })?.terminator ?? .lf
    }

    /// The logical lines, in order. A continuation line with no line to continue
    /// (Postfix warns and ignores it) belongs to none.
    func logicalLines() -> [LogicalLine] {
        var result: [LogicalLine] = []
        var current: [Int] = []
        for index in spans.indices {
            switch kind(ofLine: index) {
            case .start:
                if !current.isEmpty { result.append(LogicalLine(lineIndices: current)) }
                current = [index]
            case .continuation:
                if !current.isEmpty { current.append(index) }
            case .blank, .comment:
                continue
            }
        }
        if !current.isEmpty { result.append(LogicalLine(lineIndices: current)) }
        return result
    }

    /// For each name a logical line starts with (the text before `=` or blank), the
    /// physical lines from each of its starting lines up to the next one, in file order.
    func settingRanges() -> [String: [Range<Int>]] {
        var ranges: [String: [Range<Int>]] = [:]
        for (position, head) in startLines.enumerated() {
            let name = withBytes(ofLine: head) { bytes in
                String(decoding: bytes.prefix { $0 != UInt8(ascii: "=") && !ConfigLine.isPostfixSpace(byte: $0) }, as: UTF8.self)
            }
            let end = position + 1 < startLines.count ? startLines[position + 1] : spans.count
            ranges[name, default: []].append(head..<end)
        }
        return ranges
    }

    /// True when the logical line in `range` (from `settingRanges()`) has the same lines
    /// as the one in `otherRange` of `other`: the start and continuation lines, byte for
    /// byte; comments and blank lines between them do not count. Lines both texts still
    /// take from the same bytes read are equal without a comparison, so a list continued
    /// over thousands of lines that no edit touched costs one pass over its spans.
    func sameSetting(_ range: Range<Int>, as other: ConfigText, _ otherRange: Range<Int>) -> Bool {
        let shared = source.withUnsafeBufferPointer { mine in other.source.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress } }
        if shared, range.count == otherRange.count,
           zip(range, otherRange).allSatisfy({ spans[$0].isUnedited(sameAs: other.spans[$1]) }) {
            return true
        }
        let (mine, theirs) = (settingLines(in: range), other.settingLines(in: otherRange))
        return mine.count == theirs.count && zip(mine, theirs).allSatisfy { line, otherLine in
            withBytes(ofLine: line) { bytes in other.withBytes(ofLine: otherLine) { $0.elementsEqual(bytes) } }
        }
    }

    /// The start and continuation lines in `range`: comments and blank lines left out.
    private func settingLines(in range: Range<Int>) -> [Int] {
        range.filter { [.start, .continuation].contains(kind(ofLine: $0)) }
    }

    /// The logical line that starts at physical line `head`, a `.start` line: it and the
    /// continuation lines up to the next starting line.
    func logicalLine(startingAt head: Int) -> LogicalLine {
        var indices = [head]
        var next = head + 1
        scan: while next < spans.count {
            switch kind(ofLine: next) {
            case .start: break scan
            case .continuation: indices.append(next)
            case .blank, .comment: break
            }
            next += 1
        }
        return LogicalLine(lineIndices: indices)
    }

    /// Line `index` with its terminator, as the file holds it.
    func renderedLine(_ index: Int) -> [UInt8] {
        withBytes(ofLine: index) { Array($0) } + spans[index].terminator.bytes
    }

    /// Which lines changed from `original` to this text, known from the edits rather than
    /// found by comparing: `original` must be an unedited parse of the same bytes this text
    /// was edited from (nil otherwise). A line an edit rewrote to the same bytes counts as
    /// unchanged, as a comparison would find.
    func lineChanges(from original: ConfigText) -> (deleted: [Bool], inserted: [Bool])? {
        let sameSource = source.count == original.source.count && source.withUnsafeBufferPointer { mine in
            original.source.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
        }
        guard sameSource, original.added.isEmpty else { return nil }
        var deleted = [Bool](repeating: true, count: original.spans.count)
        var inserted = [Bool](repeating: false, count: spans.count)
        var cursor = 0
        for (index, span) in spans.enumerated() {
            if span.isAdded { inserted[index] = true; continue }
            while cursor < original.spans.count && original.spans[cursor].start < span.start { cursor += 1 }
            guard cursor < original.spans.count, original.spans[cursor].start == span.start else { return nil }
            deleted[cursor] = span.terminator != original.spans[cursor].terminator
            inserted[index] = deleted[cursor]
            cursor += 1
        }
        // A last line left with no bytes and no newline writes nothing: it is not a line.
        if let last = spans.last, last.length == 0, last.terminator == .none { inserted.removeLast() }
        settleRewrittenLines(from: original, deleted: &deleted, inserted: &inserted)
        return (deleted, inserted)
    }

    /// Within each run of changes (deleted lines facing inserted ones), lines with the
    /// same bytes on both sides are matched as a comparison would match them: a shortest
    /// diff of the run alone, which is small (the lines an edit touched).
    private func settleRewrittenLines(from original: ConfigText, deleted: inout [Bool], inserted: inout [Bool]) {
        var (oldIndex, newIndex) = (0, 0)
        while oldIndex < deleted.count || newIndex < inserted.count {
            guard (oldIndex < deleted.count && deleted[oldIndex]) || (newIndex < inserted.count && inserted[newIndex]) else {
                oldIndex += 1
                newIndex += 1
                continue
            }
            var oldEnd = oldIndex
            while oldEnd < deleted.count && deleted[oldEnd] { oldEnd += 1 }
            var newEnd = newIndex
            while newEnd < inserted.count && inserted[newEnd] { newEnd += 1 }
            if oldEnd > oldIndex && newEnd > newIndex {
                var numbers: [[UInt8]: Int] = [:]
                let number = { (line: [UInt8]) -> Int in
                    if let known = numbers[line] { return known }
                    numbers[line] = numbers.count
                    return numbers.count - 1
                }
                let run = LineDiff(old: (oldIndex..<oldEnd).map { number(original.renderedLine($0)) },
                                   new: (newIndex..<newEnd).map { number(renderedLine($0)) })
                for offset in 0..<(oldEnd - oldIndex) { deleted[oldIndex + offset] = run.deleted[offset] }
                for offset in 0..<(newEnd - newIndex) { inserted[newIndex + offset] = run.inserted[offset] }
            }
            (oldIndex, newIndex) = (oldEnd, newEnd)
        }
    }

    /// The unified diff from `original` to this text: from the edits when `original` is
    /// their unedited source, else by comparing the two files' lines.
    func diff(from original: ConfigText, oldLabel: String, newLabel: String) -> String {
        guard let changes = lineChanges(from: original) else {
            return UnifiedDiff.make(old: original.renderBytes(), new: renderBytes(), oldLabel: oldLabel, newLabel: newLabel)
        }
        return UnifiedDiff.render(deleted: changes.deleted, inserted: changes.inserted, oldLine: original.renderedLine, newLine: renderedLine,
                                  oldLabel: oldLabel, newLabel: newLabel)
    }

    // MARK: Editing

    /// A span for a line an edit writes.
    private mutating func addedSpan(_ text: String, terminator: Terminator) -> LineSpan {
        added.append(Array(text.utf8))
        return LineSpan(start: UInt32(added.count - 1), length: UInt32(added[added.count - 1].count), terminator: terminator, isAdded: true)
    }

    /// Replaces the text of one line, keeping its terminator.
    mutating func setText(_ text: String, ofLine index: Int) {
        spans[index] = addedSpan(text, terminator: spans[index].terminator)
        noteKindChange(ofLine: index)
    }

    /// Where line `index` is, or would go, in `startLines` (a binary search).
    private func startPosition(of index: Int) -> Int {
        var (low, high) = (0, startLines.count)
        while low < high {
            let middle = (low + high) / 2
            if startLines[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Adds line `index` to `startLines` or takes it out, after its text changed.
    private mutating func noteKindChange(ofLine index: Int) {
        let position = startPosition(of: index)
        let listed = position < startLines.count && startLines[position] == index
        let starts = kind(ofLine: index) == .start
        if starts && !listed { startLines.insert(index, at: position) }
        if !starts && listed { startLines.remove(at: position) }
    }

    /// Inserts lines (given without terminators) before `index`, ending each with the file's line ending.
    /// At the end of a file that has no final newline, the last inserted line has none either.
    mutating func insert(_ texts: [String], at index: Int) {
        let ending = lineEnding
        let endsWithoutNewline = index == spans.count && spans.last?.terminator == Terminator.none
        if index == spans.count { ensureFinalNewline() }
        var new: [LineSpan] = []
        for text in texts { new.append(addedSpan(text, terminator: ending)) }
        if endsWithoutNewline && !new.isEmpty { new[new.count - 1].terminator = .none }
        spans.insert(contentsOf: new, at: index)
        let position = startPosition(of: index)
        for later in position..<startLines.count { startLines[later] += new.count }
        let inserted = (index..<index + new.count).filter { kind(ofLine: $0) == .start }
        startLines.insert(contentsOf: inserted, at: position)
    }

    /// Appends lines at the end, first ending the last line if it has no newline.
    mutating func append(_ texts: [String]) {
        insert(texts, at: spans.count)
    }

    /// Removes the lines at `indices`. When the file had no final newline and its last
    /// line goes, the new last line loses its newline too, so that property is kept.
    mutating func removeLines<Indices: Sequence<Int>>(at indices: Indices) {
        let doomed = Set(indices).sorted()
        guard !doomed.isEmpty else { return }
        let lastIndex = spans.count - 1
        let endedWithoutNewline = spans.last?.terminator == Terminator.none
        // Compact in place, walking the sorted indices: no copy of the kept lines.
        var kept = 0
        var nextDoomed = 0
        for index in spans.indices {
            if nextDoomed < doomed.count && doomed[nextDoomed] == index {
                nextDoomed += 1
                continue
            }
            if kept != index { spans.swapAt(kept, index) }
            kept += 1
        }
        spans.removeLast(spans.count - kept)
        // Each surviving start moves up by the number of removed lines before it.
        var removedBefore = 0
        startLines = startLines.compactMap { line in
            while removedBefore < doomed.count && doomed[removedBefore] < line { removedBefore += 1 }
            if removedBefore < doomed.count && doomed[removedBefore] == line { return nil }
            return line - removedBefore
        }
        if endedWithoutNewline, doomed.last == lastIndex, !spans.isEmpty {
            spans[spans.count - 1].terminator = .none
        }
    }

    /// Applies edits within lines. Edits are given in UTF-8 offsets of the original line
    /// texts and must not overlap.
    mutating func apply(_ edits: [LineEdit]) {
        // Back to front, so earlier offsets stay valid; at equal starts the longer edit goes first.
        let ordered = edits.sorted {
            ($0.line, $0.range.lowerBound, $0.range.upperBound) > ($1.line, $1.range.lowerBound, $1.range.upperBound)
        }
        for edit in ordered {
            var bytes = withBytes(ofLine: edit.line) { Array($0) }
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
            added.append(bytes)
            spans[edit.line] = LineSpan(start: UInt32(added.count - 1), length: UInt32(bytes.count),
                                        terminator: spans[edit.line].terminator, isAdded: true)
            noteKindChange(ofLine: edit.line)
        }
    }

    /// Makes sure the last line ends with a newline.
    mutating func ensureFinalNewline() {
        guard let last = spans.last, last.terminator == .none else { return }
        spans[spans.count - 1].terminator = lineEnding
    }
}

extension ConfigText: Equatable {
    /// Equal when they would write the same file.
    static func == (left: ConfigText, right: ConfigText) -> Bool {
        left.renderBytes() == right.renderBytes()
    }
}

/// A replacement of a byte range within one physical line.
struct LineEdit: Equatable, Sendable {
    /// Index of the physical line.
    let line: Int
    /// UTF-8 offsets within the line's text.
    let range: Range<Int>
    /// The new text for that range.
    let replacement: String
}

#if canImport(Glibc)
import Glibc
#endif
