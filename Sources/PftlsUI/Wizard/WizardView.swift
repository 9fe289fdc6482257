import PftlsCore

/// `view`: the model drawn into a screen buffer. Pure: same model, same screen.
public enum WizardView {
    /// First content row (between the step bar and the status lines).
    static let top = ScreenLayout.top

    /// Draws `model` into a new buffer of the model's size.
    public static func render(_ model: WizardModel) -> ScreenBuffer {
        var screen = ScreenBuffer(width: model.width, height: model.height)
        guard model.fitsScreen else {
            drawTooSmall(model, into: &screen)
            return screen
        }
        let glyphs = model.context.glyphs
        let title = Catalog.text("WizardView.text")
        screen.fill(x: 0, y: 0, count: model.width, style: Style(reverse: true))
        screen.put(glyphs == .ascii ? title.replacing("—", with: "-") : title, x: 0, y: 0, style: Style(bold: true, reverse: true))
        if model.context.demo != nil { screen.put("[DEMO] ", x: model.width - 7, y: 0, style: Style(bold: true, reverse: true)) }
        drawStepBar(model, into: &screen)
        screen.rule(y: 2, glyph: glyphs.horizontal)
        let bottom = model.screenLayout.bottom
        model.step.behaviour.draw(model, into: &screen, top: top, bottom: bottom)
        screen.rule(y: model.height - 3, glyph: glyphs.horizontal)
        if let message = model.message {
            // A long message wraps upwards over the content (up to three rows) rather than
            // being cut; the next key clears it.
            let pieces = ReviewStepState.wrap(message.text, width: model.width - 2).prefix(3)
            for (index, piece) in pieces.enumerated() {
                let y = model.height - 2 - (pieces.count - 1) + index
                screen.fill(x: 0, y: y, count: model.width, style: .plain)
                screen.put(" " + piece, x: 0, y: y, style: message.style, limit: model.width - 1)
            }
        }
        screen.put(" " + model.keyMap.footer(width: model.width - 2), x: 0, y: model.height - 1, style: .dim)
        if let overlay = model.overlay { OverlayView.draw(overlay, model: model, into: &screen) }
        return screen
    }

    private static func drawStepBar(_ model: WizardModel, into screen: inout ScreenBuffer) {
        let glyphs = model.context.glyphs
        var x = 1
        for (index, id) in model.shownSteps.enumerated() {
            if index > 0 { x = screen.put(glyphs.separator, x: x, y: 1, style: .dim) }
            let state = model.state(of: id)
            let (mark, style): (Character, Style) = switch state {
            case .current: (glyphs.current, Style(bold: true, reverse: true))
            case .done: (glyphs.done, .ok)
            case .warnings: (glyphs.warning, .warning)
            case .errors: (glyphs.error, .error)
            case .pending: (glyphs.pending, .dim)
            }
            x = screen.put("\(mark)\(id.title)", x: x, y: 1, style: style)
        }
    }

    private static func drawTooSmall(_ model: WizardModel, into screen: inout ScreenBuffer) {
        let lines = [Catalog.text("WizardView.text2"), Catalog.text("WizardView.text3"), Catalog.text("too-small.now", ["width": "\(model.width)", "height": "\(model.height)"]), Catalog.text("too-small.quit")]
        for (index, line) in lines.enumerated() {
            screen.put(line, x: max(0, (model.width - ScreenBuffer.columns(of: line)) / 2), y: model.height / 2 - 2 + index, style: index == 0 ? .strong : .plain)
        }
    }

    /// Draws findings (one line each, most serious first) from row `y`; returns the next free row.
    @discardableResult
    static func drawFindings(_ findings: [Finding], into screen: inout ScreenBuffer, x: Int, y: Int, maxRows: Int, glyphs: Glyphs, width: Int) -> Int {
        var row = y
        let sorted = findings.sorted { $0.severity > $1.severity }
        for (index, finding) in sorted.enumerated() {
            let (mark, style): (Character, Style) = switch finding.severity {
            case .error: (glyphs.error, .error)
            case .warning: (glyphs.warning, .warning)
            case .info: ("i", .dim)
            }
            let pieces = ReviewStepState.wrap("\(mark) [\(finding.code)] \(finding.message)", width: width)
            let remaining = sorted.count - index - 1
            guard row + min(pieces.count, 2) + (remaining > 0 ? 1 : 0) <= y + maxRows || index == 0 else {
                screen.put(Catalog.text("WizardView.text4", ["ellipsis": "\(glyphs.ellipsis)", "value": "\(sorted.count - index)"]), x: x, y: row, style: .dim, limit: width)
                return row + 1
            }
            for (number, piece) in pieces.prefix(2).enumerated() where row < y + maxRows {
                // A finding longer than two rows ends with the ellipsis: F1 shows it whole.
                let cut = number == 1 && pieces.count > 2
                let shown = cut ? String(piece.prefix(max(0, width - 9))) + "\(glyphs.ellipsis) (F1)" : piece
                screen.put(shown, x: x, y: row, style: style, limit: width)
                row += 1
            }
        }
        return row
    }

    /// Draws `text` wrapped to `width` columns in at most `maxRows` rows; a cut is shown
    /// with the ellipsis and "(F1)", where the whole text is. Returns the next free row.
    @discardableResult
    static func drawWrapped(_ text: String, into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, maxRows: Int,
                            style: Style, glyphs: Glyphs) -> Int {
        let pieces = ReviewStepState.wrap(text, width: width)
        for (index, piece) in pieces.prefix(maxRows).enumerated() {
            let cut = index == maxRows - 1 && pieces.count > maxRows
            let shown = cut ? String(piece.prefix(max(0, width - 6))) + "\(glyphs.ellipsis) (F1)" : piece
            screen.put(shown, x: x, y: y + index, style: style, limit: width)
        }
        return y + min(pieces.count, maxRows)
    }

    /// A "[ Next ]" button.
    static func drawNext(_ focused: Bool, into screen: inout ScreenBuffer, y: Int, label: String = Catalog.text("word.next")) {
        screen.put("[ \(label) ]", x: 2, y: y, style: focused ? Style(bold: true, reverse: true) : .strong)
    }
}
