import PftlsCore
/// What a key does on a screen, by name, so bindings are data.
public enum Action: Hashable, Sendable {
    case next, back, quit, help
    case focusNext, focusPrevious
    case up, down, left, right, pageUp, pageDown, home, end
    case activate, toggle
    case assignKey, assignCertificate, toggleIntermediate, clearAssignment
    /// The certificate comes from a private CA (or not): a leaf alone is then a warning.
    case togglePrivateCA
    /// Files: the browser fills the second key's selection (a key of the other type), or the first's again.
    case switchKeySelection
    /// Files: the list of SNI entries the files can renew instead of the default certificate.
    case chooseSNIEntry
    /// Files: a field where a typed name moves the highlight to it (`/`).
    case findName
}

extension Action {
    /// How many rows the action moves through a list or a text `page` rows high: ↑↓
    /// one, PgUp and PgDn a page; nil for any other action.
    func rows(page: Int) -> Int? {
        switch self {
        case .up: -1
        case .down: 1
        case .pageUp: -page
        case .pageDown: page
        default: nil
        }
    }
}

/// One binding: the keys, the action, and how the footer names it.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    /// Short key label for the footer, e.g. "↑↓".
    public let label: String
    /// What it does, e.g. "Move".
    public let help: String
    /// False for bindings that exist but crowd the footer (e.g. PgUp).
    public let inFooter: Bool

    /// Creates a binding.
    public init(_ keys: [Key], _ action: Action, label: String? = nil, help: String, inFooter: Bool = true) {
        self.keys = keys
        self.action = action
        self.label = label ?? keys.dropFirst().reduce(keys.first?.label ?? "") { $0 + "/" + $1.label }
        self.help = help
        self.inFooter = inFooter
    }
}

/// The bindings of one screen. The footer help is generated from the same list
/// that decides what a key does, so the two can never disagree.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    /// Creates a key map; earlier bindings win when keys overlap.
    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// A copy with `more` bindings in front.
    public func adding(_ more: [KeyBinding]) -> KeyMap { KeyMap(more + bindings) }

    /// "Enter Next  Esc Back  ..." cut to `width` columns.
    public func footer(width: Int) -> String {
        let items = bindings.filter(\.inFooter)
        // Next, Help and Quit stay on the line: the step's own keys give way to them from the end.
        let always: Set<Action> = [.next, .help, .quit]
        var shown = items
        func line(_ bindings: [KeyBinding]) -> String { bindings.map { "\($0.label) \($0.help)" }.joined(separator: "  ") }
        while ScreenBuffer.columns(of: line(shown)) > width, let last = shown.lastIndex(where: { !always.contains($0.action) }) {
            shown.remove(at: last)
        }
        while ScreenBuffer.columns(of: line(shown)) > width, !shown.isEmpty { shown.removeLast() }
        return line(shown)
    }

    /// Bindings every step shares.
    public static var common: [KeyBinding] { [
        KeyBinding([.enter], .activate, help: Catalog.text("word.ok")),
        KeyBinding([.escape], .back, help: Catalog.text("word.back")),
        KeyBinding([.tab], .focusNext, label: "Tab", help: Catalog.text("word.move")),
        KeyBinding([.backTab], .focusPrevious, help: Catalog.text("wizard.key.back"), inFooter: false),
        KeyBinding([.function(10), .control("n")], .next, label: "F10", help: Catalog.text("word.next")),
        KeyBinding([.function(1), .character("?")], .help, label: "F1/?", help: Catalog.text("word.help")),
        KeyBinding([.character("q"), .control("c")], .quit, label: "q", help: Catalog.text("word.quit")),
    ] }

    /// Movement in lists and radio groups.
    public static var movement: [KeyBinding] { [
        KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.move"), inFooter: true),
        KeyBinding([.down], .down, help: Catalog.text("word.move"), inFooter: false),
        KeyBinding([.left], .left, help: Catalog.text("word.left"), inFooter: false),
        KeyBinding([.right], .right, help: Catalog.text("word.right"), inFooter: false),
        KeyBinding([.pageUp], .pageUp, help: Catalog.text("wizard.key.pageUp"), inFooter: false),
        KeyBinding([.pageDown], .pageDown, help: Catalog.text("wizard.key.pageDown"), inFooter: false),
        KeyBinding([.home], .home, help: Catalog.text("word.first"), inFooter: false),
        KeyBinding([.end], .end, help: Catalog.text("word.last"), inFooter: false),
    ] }
}
