/// Selection and scroll position of a list, like Ratatui's ListState.
public struct ListCursor: Equatable, Sendable {
    public private(set) var selected = 0
    public private(set) var offset = 0

    /// Creates a cursor at the top.
    public init() {}

    /// Moves by `delta` rows within `count` items, keeping the selection inside `visibleRows`.
    public mutating func move(_ delta: Int, count: Int, visibleRows: Int) {
        select(selected + delta, count: count, visibleRows: visibleRows)
    }

    /// Selects `index` (clamped) and scrolls as needed.
    public mutating func select(_ index: Int, count: Int, visibleRows: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = min(max(0, index), count - 1)
        let rows = max(1, visibleRows)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = min(offset, max(0, count - rows))
    }

    /// The range of item indices to draw.
    public func visible(count: Int, rows: Int) -> Range<Int> {
        offset..<min(count, offset + max(0, rows))
    }
}
