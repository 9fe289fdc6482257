/// Where things go on the wizard's screen, derived from the terminal size. The one
/// owner of layout numbers: `update` (how far to scroll) and the views (how much to
/// draw) both read it, so they cannot disagree.
public struct ScreenLayout: Sendable, Equatable {
    public let width: Int
    public let height: Int

    /// First content row, below the title, the step bar and the rule.
    public static let top = 3
    public var top: Int { Self.top }
    /// Last content row (a step's buttons), above the rule, the status line and the footer.
    public var bottom: Int { height - 4 }
    /// Where the step on screen draws: the content rows, the whole width.
    public var content: Rect { Rect(x: 0, y: top, width: width, height: bottom - top + 1) }
    /// Rows of the help box's text.
    public var helpRows: Int { height - 8 }
    /// Columns of the help box's text.
    public var helpWidth: Int { width - 10 }
}

extension WizardModel {
    /// The layout for the terminal's current size.
    public var screenLayout: ScreenLayout { ScreenLayout(width: width, height: height) }
}
