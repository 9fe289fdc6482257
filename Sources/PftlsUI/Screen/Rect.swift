/// A rectangle of the screen in cells, as Ratatui's `Rect`: the area a step draws into.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// The rectangle `width` x `height` whose top left cell is (`x`, `y`).
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The first row.
    public var top: Int { y }
    /// The last row inside the rectangle.
    public var bottom: Int { y + height - 1 }
    /// The column just right of the rectangle.
    public var right: Int { x + width }
}
