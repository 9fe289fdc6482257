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
            let wrapped = WrappedText.lines(message.text, width: model.width - 2)
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

    /// Draws findings (see `FindingList`); returns the next free row.
    @discardableResult
    static func drawFindings(_ findings: [Finding], into screen: inout ScreenBuffer, x: Int, y: Int, maxRows: Int, glyphs: Glyphs, width: Int) -> Int {
        FindingList(findings).draw(into: &screen, x: x, y: y, width: width, maxRows: maxRows, glyphs: glyphs)
    }

    /// Draws `text` wrapped (see `WrappedText`); returns the next free row.
    @discardableResult
    static func drawWrapped(_ text: String, into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, maxRows: Int,
                            style: Style, glyphs: Glyphs) -> Int {
        WrappedText(text, style: style).draw(into: &screen, x: x, y: y, width: width, maxRows: maxRows, glyphs: glyphs)
    }

    /// A "[ Next ]" button.
    static func drawNext(_ focused: Bool, into screen: inout ScreenBuffer, y: Int, label: String = Catalog.text("word.next")) {
        Button(label).draw(into: &screen, x: 2, y: y, focused: focused)
    }
}
