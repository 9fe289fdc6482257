import PftlsCore
/// A grid of styled cells: what the screen should show. Views draw into it; the
/// terminal driver copies only the cells that changed since the last frame.
public struct ScreenBuffer: Equatable, Sendable {
    /// One character position. A wide (East Asian) character fills its cell and
    /// marks the next one as a continuation.
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: Style
        public static let blank = Cell(text: " ", style: .plain)
        public static let continuation = Cell(text: "", style: .plain)
    }

    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]
    /// Drawn in the last column of text that `put` cuts at its limit or the right edge,
    /// so that a cut always shows; nil cuts without a mark.
    public var cutMark: String?

    /// A blank buffer of `width` x `height`.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes `text` at (`x`, `y`), clipped at `limit` columns (default: the right edge);
    /// clipped text ends in `cutMark`. Control characters are never stored: they are
    /// escaped first. Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let right = min(width, limit.map { x + $0 } ?? width)
        var shown = Self.printable(text)
        if let cutMark, x >= 0, Self.columns(of: shown) > right - x {
            shown = Self.prefix(shown, columns: right - x - Self.columns(of: cutMark)) + cutMark
        }
        var column = x
        for character in shown {
            let cellWidth = Self.columns(of: character)
            if column + cellWidth > right { break }
            if column >= 0 {
                set(x: column, y: y, Cell(text: String(character), style: style))
                if cellWidth == 2 { set(x: column + 1, y: y, Cell(text: "", style: style)) }
            }
            column += cellWidth
        }
        return column
    }

    /// Fills a row segment with spaces in `style` (for highlight bars).
    public mutating func fill(x: Int, y: Int, count: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) { set(x: column, y: y, Cell(text: " ", style: style)) }
    }

    /// Writes one cell. Half of a wide character is never left behind: overwriting
    /// either half of one turns the other half into a space, so a box drawn over
    /// Japanese text keeps every column in place.
    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        let index = y * width + x
        // One ASCII character over another: neither is half of a wide one.
        if cell.text.utf8.count == 1, cells[index].text.utf8.count == 1 {
            cells[index] = cell
            return
        }
        let isWide = { (cell: Cell) in cell.text.first.map(Self.columns) == 2 }
        if cell.text.isEmpty, isWide(cells[index]), x + 1 < width {
            // A new right half over an old wide character's left half: blank the old right half.
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
        if !cell.text.isEmpty {
            // Writing over the right half of a wide character: blank its left half.
            if cells[index].text.isEmpty, x > 0, isWide(cells[index - 1]) { cells[index - 1] = Cell(text: " ", style: cells[index - 1].style) }
            // Writing a narrow character over the left half: blank the right half.
            if isWide(cells[index]), !isWide(cell), x + 1 < width { cells[index + 1] = Cell(text: " ", style: cells[index + 1].style) }
        }
        cells[index] = cell
    }

    /// A horizontal rule across row `y`.
    public mutating func rule(y: Int, glyph: Character, style: Style = .dim) {
        put(String(repeating: glyph, count: width), x: 0, y: y, style: style)
    }

    /// The screen as plain text, one line per row, trailing spaces trimmed: what golden tests compare.
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    /// Number of terminal columns `character` takes: 2 for East Asian wide and
    /// fullwidth characters, 1 otherwise.
    public static func columns(of character: Character) -> Int { DisplayWidth.columns(of: character) }

    /// The width of `text` in columns.
    public static func columns(of text: String) -> Int { text.reduce(0) { $0 + columns(of: $1) } }

    /// The longest start of `text` that takes at most `columns` columns.
    static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            used += Self.columns(of: character)
            if used > columns { break }
            result.append(character)
        }
        return result
    }

    private static func printable(_ text: String) -> String {
        text.unicodeScalars.contains(where: SafeTextBridge.needsEscape) ? SafeTextBridge.escape(text) : text
    }
}
