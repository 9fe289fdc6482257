import PftlsCore

/// `view`: the model drawn into a screen buffer. Pure: same model, same screen.
public enum WizardView {
    /// First content row (between the step bar and the status lines).
    static let top = ScreenLayout.top

    /// Draws `model` into a new buffer of the model's size.
    public static func render(_ model: WizardModel) -> ScreenBuffer {
        var screen = ScreenBuffer(width: model.width, height: model.height)
        // No text is cut without a mark: what does not fit ends in the ellipsis.
        screen.cutMark = model.context.glyphs.ellipsis
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
            // Longer than that, it ends with the ellipsis and "(F1)", where it is whole.
            let wrapped = ReviewStepState.wrap(message.text, width: model.width - 2)
            let pieces = wrapped.prefix(3)
            for (index, piece) in pieces.enumerated() {
                let y = model.height - 2 - (pieces.count - 1) + index
                let cut = index == 2 && wrapped.count > 3
                screen.fill(x: 0, y: y, count: model.width, style: .plain)
                screen.put(" " + (cut ? ScreenBuffer.prefix(piece, columns: model.width - 8) + "\(glyphs.ellipsis) (F1)" : piece),
                           x: 0, y: y, style: message.style, limit: model.width - 1)
            }
        }
        screen.put(" " + model.keyMap.footer(width: model.width - 2), x: 0, y: model.height - 1, style: .dim)
        if let overlay = model.overlay { OverlayView.draw(overlay, model: model, into: &screen) }
        return screen
    }

    private static func drawStepBar(_ model: WizardModel, into screen: inout ScreenBuffer) {
        let glyphs = model.context.glyphs
        var x = 1
        for (index, id) in model.barSteps.enumerated() {
            if index > 0 { x = screen.put(glyphs.separator, x: x, y: 1, style: .dim) }
            let state = model.state(of: id)
            let (mark, style): (Character, Style) = switch state {
            case .current: (glyphs.current, Style(bold: true, reverse: true))
            case .done: (glyphs.done, .ok)
            case .warnings: (glyphs.warning, .warning)
            case .errors: (glyphs.error, .error)
            case .pending: (glyphs.pending, .dim)
            case .skipped: (glyphs.skipped, .dim)
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

    /// Draws findings (most serious first, two rows each at most) from row `y` in at most
    /// `maxRows` rows; returns the next free row. What does not fit is never cut silently:
    /// a cut finding ends with the ellipsis and "(F1)", the findings left out are counted.
    @discardableResult
    static func drawFindings(_ findings: [Finding], into screen: inout ScreenBuffer, x: Int, y: Int, maxRows: Int, glyphs: Glyphs, width: Int) -> Int {
        var row = y
        let end = y + max(1, maxRows)
        let sorted = findings.sorted { $0.severity > $1.severity }
        for (index, finding) in sorted.enumerated() {
            let (mark, style): (Character, Style) = switch finding.severity {
            case .error: (glyphs.error, .error)
            case .warning: (glyphs.warning, .warning)
            case .info: ("i", .dim)
            }
            let pieces = ReviewStepState.wrap("\(mark) [\(finding.code)] \(finding.message)", width: width)
            let after = sorted.count - index - 1
            // A row is kept for "… and N more" while findings follow.
            let room = end - row - (after > 0 ? 1 : 0)
            if index > 0, room < min(pieces.count, 2) {
                screen.put(Catalog.text("WizardView.text4", ["ellipsis": "\(glyphs.ellipsis)", "value": "\(sorted.count - index)"]), x: x, y: row, style: .dim, limit: width)
                return row + 1
            }
            // The first finding always shows, in the one row left if need be.
            let rows = max(1, min(2, pieces.count, room))
            for number in 0..<rows {
                let cut = number == rows - 1 && (pieces.count > rows || (after > 0 && room < 1))
                let piece = pieces[number]
                let shown = cut ? ScreenBuffer.prefix(piece, columns: width - 9) + "\(glyphs.ellipsis) (F1)" : piece
                screen.put(shown, x: x, y: row, style: style, limit: width)
                row += 1
            }
            if row >= end { return row }
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
            let shown = cut ? ScreenBuffer.prefix(piece, columns: width - 6) + "\(glyphs.ellipsis) (F1)" : piece
            screen.put(shown, x: x, y: y + index, style: style, limit: width)
        }
        return y + min(pieces.count, maxRows)
    }

    /// A "[ Next ]" button.
    static func drawNext(_ focused: Bool, into screen: inout ScreenBuffer, y: Int, label: String = Catalog.text("word.next")) {
        screen.put("[ \(label) ]", x: 2, y: y, style: focused ? Style(bold: true, reverse: true) : .strong)
    }
}
