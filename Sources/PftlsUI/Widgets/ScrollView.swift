/// Lines taller than the rows they are shown in, and how far they are scrolled (as
/// Ratatui's `ListState`). The lines are given when drawn, wrapped to the width then,
/// so a resized terminal shows them wrapped again; the offset is kept within them.
struct ScrollView: Equatable, Sendable {
    /// The first line shown.
    private(set) var offset = 0

    /// Scrolls `delta` lines through `lineCount` lines shown in `rows` rows.
    mutating func scroll(_ delta: Int, lineCount: Int, rows: Int) {
        offset = Self.clamped(offset + delta, lineCount: lineCount, rows: rows)
    }

    /// Back to the top.
    mutating func reset() { offset = 0 }

    /// Draws `lines` in `rows` rows from row `y`, each from column `x` in at most `width`
    /// columns and styled by `style` (given the line's number); when they do not all
    /// fit, "first-last/count" at (`counterX`, `counterY`).
    func draw(_ lines: [String], into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, rows: Int, counterX: Int, counterY: Int,
              style: (Int, String) -> Style) {
        // After a resize the lines may be fewer than the offset reached.
        let first = Self.clamped(offset, lineCount: lines.count, rows: rows)
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            screen.put(line, x: x, y: y + row, style: style(first + row, line), limit: width)
        }
        if lines.count > rows {
            screen.put("\(first + 1)-\(min(lines.count, first + rows))/\(lines.count)", x: counterX, y: counterY, style: .dim)
        }
    }

    private static func clamped(_ offset: Int, lineCount: Int, rows: Int) -> Int {
        max(0, min(offset, max(0, lineCount - rows)))
    }
}
