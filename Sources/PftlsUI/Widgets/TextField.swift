/// An editable one-line text value with a cursor.
public struct TextField: Equatable, Sendable {
    public private(set) var value: String
    /// Cursor position in characters.
    public private(set) var cursor: Int

    /// A field holding `value`, cursor at the end.
    public init(_ value: String = "") {
        self.value = value
        cursor = value.count
    }

    /// Replaces the whole value, cursor at the end.
    public mutating func set(_ newValue: String) {
        value = newValue
        cursor = newValue.count
    }

    /// True for the keys a focused field takes before the screen's key map: characters,
    /// deleting, the cursor keys, ^U, ^A and ^E.
    static func isEditing(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .delete, .left, .right, .home, .end, .control("u"), .control("a"), .control("e"): true
        default: false
        }
    }

    /// Applies an editing key; returns false when the key is not an edit.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            let index = value.index(value.startIndex, offsetBy: cursor)
            value.insert(character, at: index)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            value.remove(at: value.index(value.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete:
            guard cursor < value.count else { return true }
            value.remove(at: value.index(value.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(value.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = value.count
        case .control("u"):
            value = ""
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// Draws the field in `width` columns, scrolled so the cursor shows; `mask` hides the content.
    public func render(into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, focused: Bool, mask: Character? = nil) {
        let shown = mask.map { String(repeating: $0, count: value.count) } ?? value
        let start = max(0, cursor - (width - 1))
        let visible = String(shown.dropFirst(start).prefix(width))
        screen.fill(x: x, y: y, count: width, style: Style(underline: true))
        screen.put(visible, x: x, y: y, style: Style(bold: focused, underline: true), limit: width)
        if focused {
            let column = x + ScreenBuffer.columns(of: String(shown.dropFirst(start).prefix(cursor - start)))
            if column < x + width {
                let under = column - x < ScreenBuffer.columns(of: visible) ? screen[column, y].text : " "
                screen.put(under.isEmpty ? " " : under, x: column, y: y, style: Style(reverse: true))
            }
        }
    }
}
