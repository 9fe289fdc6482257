import PftlsCore

/// Findings as a step shows them beside what they concern: most serious first, two
/// rows each at most, the code in brackets. What does not fit is never cut silently.
struct FindingList {
    /// The findings, most serious first.
    let findings: [Finding]

    /// A list of `findings`, sorted most serious first.
    init(_ findings: [Finding]) {
        self.findings = findings.sorted { $0.severity > $1.severity }
    }

    /// What to do about the most serious finding ("Fix: …"), or nil when there is none.
    var fix: String? { findings.first.map { Catalog.text("finding.fix", ["hint": $0.hint]) } }

    /// Draws the findings from row `y` in at most `maxRows` rows and `width` columns;
    /// returns the next free row. A cut finding ends with the ellipsis and "(F1)",
    /// the findings left out are counted.
    @discardableResult
    func draw(into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, maxRows: Int, glyphs: Glyphs) -> Int {
        var row = y
        let end = y + max(1, maxRows)
        for (index, finding) in findings.enumerated() {
            let (mark, style): (Character, Style) = switch finding.severity {
            case .error: (glyphs.error, .error)
            case .warning: (glyphs.warning, .warning)
            case .info: ("i", .dim)
            }
            let pieces = WrappedText.lines("\(mark) [\(finding.code)] \(finding.message)", width: width)
            let after = findings.count - index - 1
            // A row is kept for "… and N more" while findings follow.
            let room = end - row - (after > 0 ? 1 : 0)
            if index > 0, room < min(pieces.count, 2) {
                screen.put(Catalog.text("wizard.findings.more", ["ellipsis": "\(glyphs.ellipsis)", "count": "\(findings.count - index)"]), x: x, y: row, style: .dim, limit: width)
                return row + 1
            }
            // The first finding always shows, in the one row left if need be.
            let rows = max(1, min(2, pieces.count, room))
            for number in 0..<rows {
                let cut = number == rows - 1 && (pieces.count > rows || (after > 0 && room < 1))
                let piece = pieces[number]
                let shown = cut ? ScreenBuffer.prefix(piece, columns: width - 9) + "\(glyphs.ellipsis) (F1)" : piece
                screen.put(shown, x: x, y: row, style: style, limit: width)
                row += 1
            }
            if row >= end { return row }
        }
        return row
    }
}
