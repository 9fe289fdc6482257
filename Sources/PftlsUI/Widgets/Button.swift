/// A push button, "[ Next ]": reversed and bold while it has the focus.
struct Button {
    let label: String

    /// A button that reads `label`.
    init(_ label: String) { self.label = label }

    /// Draws the button at (`x`, `y`); returns the column after it.
    @discardableResult
    func draw(into screen: inout ScreenBuffer, x: Int, y: Int, focused: Bool) -> Int {
        screen.put("[ \(label) ]", x: x, y: y, style: focused ? Style(bold: true, reverse: true) : .strong)
    }

    /// Draws `buttons` side by side from (`x`, `y`), two columns apart; the one at
    /// `focused` has the focus.
    static func drawRow(_ buttons: [Button], focused: Int?, into screen: inout ScreenBuffer, x: Int, y: Int) {
        var column = x
        for (index, button) in buttons.enumerated() {
            column = button.draw(into: &screen, x: column, y: y, focused: index == focused) + 2
        }
    }
}
