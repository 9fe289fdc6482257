/// The physical lines of a Postfix configuration file, grouped the way Postfix groups them.
///
/// Shared by `MainConfig` and `MasterConfig`: both files use the same logical-line rules
/// (a line starting with whitespace continues the previous one; comment and blank lines
/// are skipped without ending it). Editing works on whole physical lines, so every line an
/// edit does not touch is written back byte for byte, invalid UTF-8 included.
///
/// A line is a slice of the file's bytes as read (no copy), or the bytes an edit wrote,
/// each with its line ending, as the file holds it.
struct ConfigText: Sendable {
    /// The physical lines, in file order, each with its ending.
    private var physicalLines: [ArraySlice<UInt8>]

    /// How a line ends.
    enum Terminator: Sendable {
        case none, lf, crlf

        /// How `line` (with its ending) ends.
        init(of line: ArraySlice<UInt8>) {
            guard line.last == UInt8(ascii: "\n") else { self = .none; return }
            self = line.dropLast().last == UInt8(ascii: "\r") ? .crlf : .lf
        }

        var bytes: [UInt8] {
            switch self {
            case .none: []
            case .lf: [0x0A]
            case .crlf: [0x0D, 0x0A]
            }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Splits `text` into lines.
    init(parsing text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Splits a file's bytes into lines, keeping the bytes as they are (invalid UTF-8 too).
    init(bytes: [UInt8]) {
        physicalLines = bytes.linesWithEndings
    }

    // MARK: Reading

    /// The number of physical lines.
    var lineCount: Int { physicalLines.count }

    /// The bytes of line `index`, without its ending.
    func bytes(ofLine index: Int) -> ArraySlice<UInt8> {
        Self.withoutEnding(physicalLines[index])
    }

    private static func withoutEnding(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.dropLast(Terminator(of: line).bytes.count)
    }

    /// How Postfix reads line `index`, from its bytes (its ending is blank to Postfix, so
    /// the line reads the same with it).
    func kind(ofLine index: Int) -> ConfigLineKind {
        ConfigLine.kind(ofBytes: physicalLines[index])
    }

    /// The indices of the lines whose bytes start with `prefix` (not empty). A line whose
    /// first byte differs costs one comparison: a plan looks dozens of names up.
    func lineIndices(startingWith prefix: [UInt8]) -> [Int] {
        physicalLines.indices.filter { physicalLines[$0].first == prefix.first && physicalLines[$0].starts(with: prefix) }
    }

    /// The physical lines as text, each made when it is read.
    var lines: LazyMapCollection<[ArraySlice<UInt8>], ConfigLine> {
        physicalLines.lazy.map { ConfigLine(text: String(decoding: Self.withoutEnding($0), as: UTF8.self), terminator: Terminator(of: $0).text) }
    }

    /// The file contents as bytes.
    func renderBytes() -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(physicalLines.reduce(0) { $0 + $1.count })
        for line in physicalLines { result += line }
        return result
    }

    /// The file contents.
    func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// The line ending new lines should use: the one of the first terminated line, else `\n`.
    private var lineEnding: Terminator {
        physicalLines.lazy.map(Terminator.init(of:)).first { $0 != .none } ?? .lf
    }

    /// The logical lines, in order. A continuation line with no line to continue
    /// (Postfix warns and ignores it) belongs to none.
    func logicalLines() -> [LogicalLine] {
        physicalLines.indices.filter { kind(ofLine: $0) == .start }.map(logicalLine(startingAt:))
    }

    /// The logical line that starts at physical line `head`, a `.start` line: it and the
    /// continuation lines up to the next starting line.
    func logicalLine(startingAt head: Int) -> LogicalLine {
        let next = (head + 1..<lineCount).first { kind(ofLine: $0) == .start } ?? lineCount
        return LogicalLine(lineIndices: [head] + (head + 1..<next).filter { kind(ofLine: $0) == .continuation })
    }

    /// The logical lines of each of `names`, by the name each starts with (the text before
    /// `=` or blank), in file order.
    func settings(named names: Set<String>) -> [String: [LogicalLine]] {
        var found: [String: [LogicalLine]] = [:]
        guard !names.isEmpty else { return found }
        for head in physicalLines.indices where kind(ofLine: head) == .start {
            let name = name(startingLine: head)
            if names.contains(name) { found[name, default: []].append(logicalLine(startingAt: head)) }
        }
        return found
    }

    /// The names of the logical lines, here and in `other`, that hold a line the other
    /// text lacks (`UnifiedDiff.changedLines`), or that end just above one (a starting line
    /// that comes or goes takes continuation lines from it or gives them back): the only
    /// names whose settings may differ.
    func namesOfChangedLines(comparedTo other: ConfigText) -> Set<String> {
        let (deleted, inserted) = UnifiedDiff.changedLines(oldLines: other.physicalLines, newLines: physicalLines)
        var names = Set<String>()
        for (text, changed) in [(other, deleted), (self, inserted)] {
            for index in changed.indices where changed[index] {
                for line in [index - 1, index] where line >= 0 {
                    // A comment, blank or continuation line belongs to the logical line above it.
                    if let head = (0...line).reversed().first(where: { text.kind(ofLine: $0) == .start }) {
                        names.insert(text.name(startingLine: head))
                    }
                }
            }
        }
        return names
    }

    /// The name a starting line sets: its text before `=` or a blank.
    private func name(startingLine head: Int) -> String {
        String(decoding: bytes(ofLine: head).prefix { $0 != UInt8(ascii: "=") && !ConfigLine.isPostfixSpace(byte: $0) }, as: UTF8.self)
    }

    /// True when `logical` here and `otherLogical` of `other` have the same lines, byte for
    /// byte (line endings aside).
    func sameLines(_ logical: LogicalLine, as otherLogical: LogicalLine, of other: ConfigText) -> Bool {
        logical.lineIndices.lazy.map(bytes(ofLine:)).elementsEqual(otherLogical.lineIndices.lazy.map(other.bytes(ofLine:)))
    }

    /// The unified diff from `original` to this text, comparing the two files' lines.
    func diff(from original: ConfigText, oldLabel: String, newLabel: String) -> String {
        UnifiedDiff.make(oldLines: original.writtenLines, newLines: writtenLines, oldLabel: oldLabel, newLabel: newLabel)
    }

    /// The lines as the file is written: a last line an edit left with no bytes and no
    /// ending writes nothing, and is no line.
    private var writtenLines: [ArraySlice<UInt8>] {
        physicalLines.last?.isEmpty == true ? Array(physicalLines.dropLast()) : physicalLines
    }

    // MARK: Editing

    /// Replaces the text of one line, keeping its ending.
    mutating func setText(_ text: String, ofLine index: Int) {
        physicalLines[index] = ArraySlice(Array(text.utf8) + Terminator(of: physicalLines[index]).bytes)
    }

    /// Inserts lines (given without endings) before `index`, ending each with the file's line ending.
    /// At the end of a file that has no final newline, the last inserted line has none either.
    mutating func insert(_ texts: [String], at index: Int) {
        let ending = lineEnding.bytes
        let endsWithoutNewline = index == lineCount && physicalLines.last.map { Terminator(of: $0) == .none } == true
        if index == lineCount { ensureFinalNewline() }
        var new = texts.map { ArraySlice(Array($0.utf8) + ending) }
        if endsWithoutNewline && !new.isEmpty { new[new.count - 1] = Self.withoutEnding(new[new.count - 1]) }
        physicalLines.insert(contentsOf: new, at: index)
    }

    /// Appends lines at the end, first ending the last line if it has no newline.
    mutating func append(_ texts: [String]) {
        insert(texts, at: lineCount)
    }

    /// Removes the lines at `indices`. When the file had no final newline and its last
    /// line goes, the new last line loses its newline too, so that property is kept.
    mutating func removeLines<Indices: Sequence<Int>>(at indices: Indices) {
        let doomed = Set(indices)
        guard !doomed.isEmpty else { return }
        let lastGoesWithoutNewline = doomed.contains(lineCount - 1) && physicalLines.last.map { Terminator(of: $0) == .none } == true
        physicalLines = physicalLines.indices.filter { !doomed.contains($0) }.map { physicalLines[$0] }
        if lastGoesWithoutNewline, !physicalLines.isEmpty {
            physicalLines[lineCount - 1] = bytes(ofLine: lineCount - 1)
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
            var text = Array(bytes(ofLine: edit.line))
            text.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
            physicalLines[edit.line] = ArraySlice(text + Terminator(of: physicalLines[edit.line]).bytes)
        }
    }

    /// Makes sure the last line ends with a newline.
    mutating func ensureFinalNewline() {
        guard let last = physicalLines.last, Terminator(of: last) == .none else { return }
        physicalLines[lineCount - 1] = last + lineEnding.bytes
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
