/// A rectangle of the screen in cells, as Ratatui's `Rect`: the area a step draws into.
public struct Rect: Equatable, Sendable {
    /// The first column.
    public var x: Int
    /// The first row.
    public var y: Int
    /// Columns, from `x`.
    public var width: Int
    /// Rows, from `y`.
    public var height: Int

    /// The first row (`y`).
    public var top: Int { y }
    /// The last row inside the rectangle.
    public var bottom: Int { y + height - 1 }
    /// The column just right of the rectangle.
    public var right: Int { x + width }
}
