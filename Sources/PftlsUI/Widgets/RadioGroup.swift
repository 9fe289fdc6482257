/// A radio list, moving alike on every screen (as whiptail's and dialog's): ↑↓ step
/// through the options and on to the next or previous field at either end, ←→ stay
/// within the list, Space chooses the highlighted option. The highlight is not the
/// choice: moving never changes what is chosen.
struct RadioGroup: Equatable, Sendable {
    /// How the options are laid out on screen.
    enum Layout {
        /// In `count` columns of `width` cells, row by row.
        case columns(Int, width: Int)
        /// On one row, `gap` cells apart.
        case row(gap: Int)
    }

    /// How many options there are.
    let count: Int
    /// The option chosen.
    private(set) var chosen: Int
    /// The option highlighted while the group has the focus.
    private(set) var cursor: Int

    /// A group of `count` options with `chosen` chosen and highlighted.
    init(count: Int, chosen: Int) {
        self.count = max(1, count)
        self.chosen = min(max(0, chosen), self.count - 1)
        cursor = self.chosen
    }

    /// ↑↓: the highlight `delta` options along; false, and nothing moves, when that
    /// leaves the list (the focus goes to the next or previous field).
    mutating func step(by delta: Int) -> Bool {
        let target = cursor + delta
        guard (0..<count).contains(target) else { return false }
        cursor = target
        return true
    }

    /// ←→: the highlight `delta` options along, kept within the list.
    mutating func along(by delta: Int) {
        cursor = max(0, min(count - 1, cursor + delta))
    }

    /// The focus enters the list by ↑↓: the highlight on its first option from above,
    /// its last from below.
    mutating func enter(by delta: Int) {
        cursor = delta > 0 ? 0 : count - 1
    }

    /// The focus enters the list by Tab: the highlight on the chosen option.
    mutating func focusChosen() {
        cursor = chosen
    }

    /// Space: chooses the highlighted option; false when it was chosen already.
    @discardableResult
    mutating func choose() -> Bool {
        defer { chosen = cursor }
        return chosen != cursor
    }

    /// Chooses option `index` (a value read from elsewhere, such as the level in force)
    /// and highlights it.
    mutating func select(_ index: Int) {
        chosen = min(max(0, index), count - 1)
        cursor = chosen
    }

    /// Draws the options named `labels` from (`x`, `y`), each with its radio mark; the
    /// highlight shows while `focused`. Returns the rows used.
    @discardableResult
    func draw(_ labels: [String], into screen: inout ScreenBuffer, x: Int, y: Int, layout: Layout, focused: Bool, glyphs: Glyphs) -> Int {
        var column = x
        for (index, label) in labels.enumerated() {
            let mark = index == chosen ? glyphs.radioOn : glyphs.radioOff
            let style: Style = focused && index == cursor ? .selected : (index == chosen ? .strong : .plain)
            switch layout {
            case .columns(let columns, let width):
                screen.put("\(mark) \(label)", x: x + (index % columns) * width, y: y + index / columns, style: style)
            case .row(let gap):
                column = screen.put("\(mark) \(label)", x: column, y: y, style: style) + gap
            }
        }
        switch layout {
        case .columns(let columns, _): return (labels.count + columns - 1) / columns
        case .row: return 1
        }
    }
}
