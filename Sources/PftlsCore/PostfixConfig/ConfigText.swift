/// The physical lines of a Postfix configuration file, grouped the way Postfix groups them.
///
/// Shared by `MainConfig` and `MasterConfig`: both files use the same logical-line rules
/// (a line starting with whitespace continues the previous one; comment and blank lines
/// are skipped without ending it). Editing works on whole physical lines, so every line an
/// edit does not touch is written back byte for byte, invalid UTF-8 included.
///
/// A line is a slice of the file's bytes as read (no copy), or the bytes an edit wrote.
struct ConfigText: Sendable {
    /// The physical lines, in file order.
    private var physicalLines: [Line]

    /// One physical line: its bytes without the ending, and the ending.
    struct Line: Sendable {
        var bytes: ArraySlice<UInt8>
        var terminator: Terminator

        /// A line as the file holds it, ending included.
        init(withEnding line: ArraySlice<UInt8>) {
            switch (line.last, line.dropLast().last) {
            case (UInt8(ascii: "\n"), UInt8(ascii: "\r")): (bytes, terminator) = (line.dropLast(2), .crlf)
            case (UInt8(ascii: "\n"), _): (bytes, terminator) = (line.dropLast(), .lf)
            default: (bytes, terminator) = (line, .none)
            }
        }

        /// A line an edit writes.
        init(_ text: String, terminator: Terminator) {
            bytes = ArraySlice(text.utf8)
            self.terminator = terminator
        }

        var kind: ConfigLineKind { ConfigLine.kind(ofBytes: bytes) }
    }

    /// How a line ends.
    enum Terminator: Sendable {
        case none, lf, crlf

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
        physicalLines = bytes.linesWithEndings.map(Line.init(withEnding:))
    }

    // MARK: Reading

    /// The number of physical lines.
    var lineCount: Int { physicalLines.count }

    /// The bytes of line `index`, without its terminator.
    func bytes(ofLine index: Int) -> ArraySlice<UInt8> {
        physicalLines[index].bytes
    }

    /// How Postfix reads line `index`, from its bytes.
    func kind(ofLine index: Int) -> ConfigLineKind {
        physicalLines[index].kind
    }

    /// The physical lines as text, each made when it is read.
    var lines: LazyMapCollection<[Line], ConfigLine> {
        physicalLines.lazy.map { ConfigLine(text: String(decoding: $0.bytes, as: UTF8.self), terminator: $0.terminator.text) }
    }

    /// The file contents as bytes.
    func renderBytes() -> [UInt8] {
        var result: [UInt8] = []
        for line in physicalLines {
            result += line.bytes
            result += line.terminator.bytes
        }
        return result
    }

    /// The file contents.
    func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// The line ending new lines should use: the one of the first terminated line, else `\n`.
    private var lineEnding: Terminator {
        physicalLines.first(where: { $0.terminator != .none })?.terminator ?? .lf
    }

    /// The logical lines, in order. A continuation line with no line to continue
    /// (Postfix warns and ignores it) belongs to none.
    func logicalLines() -> [LogicalLine] {
        physicalLines.indices.filter { kind(ofLine: $0) == .start }.map(logicalLine(startingAt:))
    }

    /// The logical line that starts at physical line `head`, a `.start` line: it and the
    /// continuation lines up to the next starting line.
    func logicalLine(startingAt head: Int) -> LogicalLine {
        let next = physicalLines[(head + 1)...].firstIndex { $0.kind == .start } ?? physicalLines.endIndex
        return LogicalLine(lineIndices: [head] + (head + 1..<next).filter { kind(ofLine: $0) == .continuation })
    }

    /// For each name a logical line starts with (the text before `=` or blank), the
    /// logical lines it starts, each as its start and continuation lines' bytes.
    func settingsByName() -> [String: [[ArraySlice<UInt8>]]] {
        var settings: [String: [[ArraySlice<UInt8>]]] = [:]
        for logical in logicalLines() {
            let head = bytes(ofLine: logical.head)
            let name = String(decoding: head.prefix { $0 != UInt8(ascii: "=") && !ConfigLine.isPostfixSpace(byte: $0) }, as: UTF8.self)
            settings[name, default: []].append(logical.lineIndices.map(bytes(ofLine:)))
        }
        return settings
    }

    /// The unified diff from `original` to this text, comparing the two files' lines.
    func diff(from original: ConfigText, oldLabel: String, newLabel: String) -> String {
        UnifiedDiff.make(old: original.renderBytes(), new: renderBytes(), oldLabel: oldLabel, newLabel: newLabel)
    }

    // MARK: Editing

    /// Replaces the text of one line, keeping its terminator.
    mutating func setText(_ text: String, ofLine index: Int) {
        physicalLines[index].bytes = ArraySlice(text.utf8)
    }

    /// Inserts lines (given without terminators) before `index`, ending each with the file's line ending.
    /// At the end of a file that has no final newline, the last inserted line has none either.
    mutating func insert(_ texts: [String], at index: Int) {
        let ending = lineEnding
        let endsWithoutNewline = index == physicalLines.count && physicalLines.last?.terminator == Terminator.none
        if index == physicalLines.count { ensureFinalNewline() }
        var new = texts.map { Line($0, terminator: ending) }
        if endsWithoutNewline && !new.isEmpty { new[new.count - 1].terminator = .none }
        physicalLines.insert(contentsOf: new, at: index)
    }

    /// Appends lines at the end, first ending the last line if it has no newline.
    mutating func append(_ texts: [String]) {
        insert(texts, at: physicalLines.count)
    }

    /// Removes the lines at `indices`. When the file had no final newline and its last
    /// line goes, the new last line loses its newline too, so that property is kept.
    mutating func removeLines<Indices: Sequence<Int>>(at indices: Indices) {
        let doomed = Set(indices)
        guard !doomed.isEmpty else { return }
        let lastGoesWithoutNewline = doomed.contains(physicalLines.count - 1) && physicalLines.last?.terminator == Terminator.none
        physicalLines = physicalLines.indices.filter { !doomed.contains($0) }.map { physicalLines[$0] }
        if lastGoesWithoutNewline, !physicalLines.isEmpty {
            physicalLines[physicalLines.count - 1].terminator = .none
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
            var bytes = Array(physicalLines[edit.line].bytes)
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
            physicalLines[edit.line].bytes = bytes[...]
        }
    }

    /// Makes sure the last line ends with a newline.
    mutating func ensureFinalNewline() {
        guard let last = physicalLines.last, last.terminator == .none else { return }
        physicalLines[physicalLines.count - 1].terminator = lineEnding
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
