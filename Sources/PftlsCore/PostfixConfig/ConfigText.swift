/// The physical lines of a Postfix configuration file, grouped the way Postfix groups them.
///
/// Shared by `MainConfig` and `MasterConfig`: both files use the same logical-line rules
/// (a line starting with whitespace continues the previous one; comment and blank lines
/// are skipped without ending it). Editing works on whole physical lines, so every line an
/// edit does not touch is written back byte for byte.
struct ConfigText: Equatable, Sendable {
    /// The physical lines, in file order.
    private(set) var lines: [ConfigLine]

    /// Splits `text` into lines.
    init(parsing text: String) {
        lines = ConfigLine.split(text)
    }

    /// The file contents.
    func render() -> String {
        var result = ""
        for line in lines {
            result += line.text
            result += line.terminator
        }
        return result
    }

    /// The line ending new lines should use: the one of the first terminated line, else `\n`.
    var lineEnding: String {
        lines.first(where: { !$0.terminator.isEmpty })?.terminator ?? "\n"
    }

    /// The logical lines, in order. A continuation line with no line to continue
    /// (Postfix warns and ignores it) belongs to none.
    func logicalLines() -> [LogicalLine] {
        var result: [LogicalLine] = []
        var current: [Int] = []
        for (index, line) in lines.enumerated() {
            switch line.kind {
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

    /// For each name a logical line starts with (the text before `=` or blank), the hashes
    /// of its logical lines' raw text, in file order.
    func rawSettingHashes() -> [String: [Int]] {
        var hashes: [String: [Int]] = [:]
        for logical in logicalLines() {
            let head = lines[logical.head].text.utf8
            let name = head.prefix { $0 != UInt8(ascii: "=") && !ConfigLine.isPostfixSpace(byte: $0) }
            var hasher = Hasher()
            for index in logical.lineIndices {
                var text = lines[index].text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                hasher.combine(0x0A as UInt8)
            }
            hashes[String(decoding: name, as: UTF8.self), default: []].append(hasher.finalize())
        }
        return hashes
    }

    /// The logical line that starts at physical line `head`, a `.start` line: it and the
    /// continuation lines up to the next starting line.
    func logicalLine(startingAt head: Int) -> LogicalLine {
        var indices = [head]
        var next = head + 1
        scan: while next < lines.count {
            switch lines[next].kind {
            case .start: break scan
            case .continuation: indices.append(next)
            case .blank, .comment: break
            }
            next += 1
        }
        return LogicalLine(lineIndices: indices)
    }

    /// Replaces the text of one line, keeping its terminator.
    mutating func setText(_ text: String, ofLine index: Int) {
        lines[index].text = text
    }

    /// Inserts lines (given without terminators) before `index`, ending each with the file's line ending.
    /// At the end of a file that has no final newline, the last inserted line has none either.
    mutating func insert(_ texts: [String], at index: Int) {
        let ending = lineEnding
        let endsWithoutNewline = index == lines.count && lines.last?.terminator.isEmpty == true
        if index == lines.count { ensureFinalNewline() }
        lines.insert(contentsOf: texts.map { ConfigLine(text: $0, terminator: ending) }, at: index)
        if endsWithoutNewline && !texts.isEmpty { lines[index + texts.count - 1].terminator = "" }
    }

    /// Appends lines at the end, first ending the last line if it has no newline.
    mutating func append(_ texts: [String]) {
        insert(texts, at: lines.count)
    }

    /// Removes the lines at `indices`. When the file had no final newline and its last
    /// line goes, the new last line loses its newline too, so that property is kept.
    mutating func removeLines<Indices: Sequence<Int>>(at indices: Indices) {
        let doomed = Set(indices).sorted()
        guard !doomed.isEmpty else { return }
        let lastIndex = lines.count - 1
        let endedWithoutNewline = lines.last?.terminator.isEmpty ?? false
        // Compact in place, walking the sorted indices: no copy of the kept lines.
        var kept = 0
        var nextDoomed = 0
        for index in lines.indices {
            if nextDoomed < doomed.count && doomed[nextDoomed] == index {
                nextDoomed += 1
                continue
            }
            if kept != index { lines.swapAt(kept, index) }
            kept += 1
        }
        lines.removeLast(lines.count - kept)
        if endedWithoutNewline, doomed.last == lastIndex, !lines.isEmpty {
            lines[lines.count - 1].terminator = ""
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
            var bytes = Array(lines[edit.line].text.utf8)
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
            lines[edit.line].text = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Makes sure the last line ends with a newline.
    mutating func ensureFinalNewline() {
        guard let last = lines.last, last.terminator.isEmpty else { return }
        lines[lines.count - 1].terminator = lineEnding
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
