/// How a cell is drawn: emphasis plus an optional colour role. The terminal
/// driver maps roles to colours only when the terminal has colour and NO_COLOR is unset.
public struct Style: Hashable, Sendable {
    /// A colour by meaning, not by hue.
    public enum Role: Int, Sendable, CaseIterable {
        case normal, title, accent, ok, warning, error, dim
    }

    public var bold = false
    public var reverse = false
    public var underline = false
    public var role: Role = .normal

    /// Creates a style.
    public init(bold: Bool = false, reverse: Bool = false, underline: Bool = false, role: Role = .normal) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.role = role
    }

    public static let plain = Style()
    public static let strong = Style(bold: true)
    public static let selected = Style(reverse: true)
    public static let title = Style(bold: true, role: .title)
    public static let ok = Style(role: .ok)
    public static let warning = Style(bold: true, role: .warning)
    public static let error = Style(bold: true, role: .error)
    public static let dim = Style(role: .dim)
    public static let accent = Style(bold: true, role: .accent)
}
