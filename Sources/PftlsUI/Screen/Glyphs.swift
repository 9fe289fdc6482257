/// The characters the UI draws with: Unicode where the terminal takes UTF-8,
/// plain ASCII for TERM=vt100 or a non-UTF-8 locale.
public struct Glyphs: Sendable, Equatable {
    public let horizontal: Character
    public let done: Character
    public let warning: Character
    public let error: Character
    public let current: Character
    public let pending: Character
    /// A step that does not apply.
    public let skipped: Character
    public let pointer: Character
    public let radioOn: String
    public let radioOff: String
    public let checkOn: String
    public let checkOff: String
    public let ellipsis: String
    public let separator: String
    /// Box corners: top left, top right, bottom left, bottom right.
    public let corners: [String]
    /// A box's sides.
    public let vertical: String

    public static let unicode = Glyphs(horizontal: "─", done: "✔", warning: "!", error: "✖", current: "▶", pending: "·", skipped: "-",
                                       pointer: "›", radioOn: "(•)", radioOff: "( )", checkOn: "[x]", checkOff: "[ ]",
                                       ellipsis: "…", separator: " ", corners: ["┌", "┐", "└", "┘"], vertical: "│")
    public static let ascii = Glyphs(horizontal: "-", done: "+", warning: "!", error: "x", current: ">", pending: ".", skipped: "-",
                                     pointer: ">", radioOn: "(*)", radioOff: "( )", checkOn: "[x]", checkOff: "[ ]",
                                     ellipsis: "~", separator: " ", corners: ["+", "+", "+", "+"], vertical: "|")
}
