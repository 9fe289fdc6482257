import PftlsCore

/// A text wrapped to its width when it is drawn, so that a terminal made wider or
/// narrower wraps it again. `lines(_:width:)` is the UI's one line breaker: every
/// wrapped line on the wizard's screens and in its help box goes through it.
struct WrappedText {
    let text: String
    let style: Style
    /// How far lines after the first are indented: 6 for a message (its continuation
    /// stands out), 0 for a paragraph of explanation.
    let indent: Int

    /// `text`, drawn in `style`, later lines indented by `indent`.
    init(_ text: String, style: Style = .plain, indent: Int = 6) {
        self.text = text
        self.style = style
        self.indent = indent
    }

    /// Cuts `line` into pieces of at most `width` display columns (a wide character
    /// counts two) with the program's one line breaker (`LineBreaker`: Japanese is
    /// filled and follows kinsoku, ASCII words and identifiers stay whole); later pieces
    /// are indented by `indent`.
    static func lines(_ line: String, width: Int, indent: Int = 6) -> [String] {
        guard width > 10, ScreenBuffer.columns(of: line) > width else { return [line] }
        return LineBreaker.lines(line, width: width, continuationIndent: indent)
    }

    /// Draws the text wrapped to `width` columns from (`x`, `y`) in at most `maxRows`
    /// rows; a cut is shown with the ellipsis and "(F1)", where the whole text is.
    /// Returns the next free row.
    @discardableResult
    func draw(into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, maxRows: Int, glyphs: Glyphs) -> Int {
        let pieces = Self.lines(text, width: width, indent: indent)
        for (index, piece) in pieces.prefix(maxRows).enumerated() {
            let cut = index == maxRows - 1 && pieces.count > maxRows
            let shown = cut ? ScreenBuffer.prefix(piece, columns: width - 6) + "\(glyphs.ellipsis) (F1)" : piece
            screen.put(shown, x: x, y: y + index, style: style, limit: width)
        }
        return y + min(pieces.count, maxRows)
    }
}
