/// A key press, as the terminal driver decodes it.
public enum Key: Hashable, Sendable {
    case up, down, left, right, home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace, delete
    case function(Int)
    case character(Character)
    case control(Character)

    /// How the key is written in the footer and in help.
    public var label: String {
        switch self {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .function(let number): "F\(number)"
        case .character(let character): String(character)
        case .control(let character): "^" + String(character).uppercased()
        }
    }
}
