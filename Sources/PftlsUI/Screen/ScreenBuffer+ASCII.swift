import PftlsCore

extension ScreenBuffer {
    /// The ASCII stand-ins for the characters the catalog and the screens use: arrows,
    /// dashes, quotes, marks and box lines, each one column for one column.
    private static let asciiStandIns: [Character: Character] = [
        "↑": "^", "↓": "v", "←": "<", "→": ">", "—": "-", "–": "-", "‐": "-", "−": "-",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "«": "\"", "»": "\"", "…": "~", "•": "*", "·": ".",
        "✔": "+", "✓": "+", "✖": "x", "✗": "x", "×": "x", "▶": ">", "›": ">", "‹": "<", "≥": ">", "≤": "<",
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "\u{00A0}": " ",
    ]

    /// The buffer as a terminal without UTF-8 can show it (TERM=vt100, LANG=C): every
    /// character outside ASCII becomes its stand-in, or `?` when it has none; a wide
    /// character becomes two, so every column stays where it was.
    public func inASCII() -> ScreenBuffer {
        var copy = self
        for index in cells.indices {
            let cell = cells[index]
            guard let character = cell.text.first else {
                // The right half of a wide character: a column of its own now.
                copy.cells[index].text = "?"
                continue
            }
            guard !character.isASCII else { continue }
            copy.cells[index].text = String(Self.asciiStandIns[character] ?? "?")
        }
        return copy
    }
}
