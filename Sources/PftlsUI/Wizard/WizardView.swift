import PftlsCore

/// `view`: the model drawn into a screen buffer. Pure: same model, same screen.
public enum WizardView {
    /// Draws `model` into a new buffer of the model's size.
    public static func render(_ model: WizardModel) -> ScreenBuffer {
        let screen = draw(model)
        // A terminal without UTF-8 gets ASCII for the catalog's arrows, dashes and quotes too.
        return model.context.glyphs == .ascii ? screen.inASCII() : screen
    }

    private static func draw(_ model: WizardModel) -> ScreenBuffer {
        var screen = ScreenBuffer(width: model.width, height: model.height)
        // No text is cut without a mark: what does not fit ends in the ellipsis.
        screen.cutMark = model.context.glyphs.ellipsis
        guard model.fitsScreen else {
            drawTooSmall(model, into: &screen)
            return screen
        }
        let glyphs = model.context.glyphs
        let title = Catalog.text("wizard.title")
        screen.fill(x: 0, y: 0, count: model.width, style: Style(reverse: true))
        screen.put(title, x: 0, y: 0, style: Style(bold: true, reverse: true))
        if model.context.demo != nil {
            let badge = Catalog.text("wizard.demo-badge") + " "
            screen.put(badge, x: model.width - ScreenBuffer.columns(of: badge), y: 0, style: Style(bold: true, reverse: true))
        }
        let shared = model.shared
        drawStepBar(model, shared, into: &screen)
        screen.rule(y: 2, glyph: glyphs.horizontal)
        model.current.draw(into: &screen, area: shared.area, shared)
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

    private static func drawStepBar(_ model: WizardModel, _ shared: StepContext, into screen: inout ScreenBuffer) {
        let glyphs = model.context.glyphs
        var x = 1
        for (index, step) in model.barSteps(shared).enumerated() {
            if index > 0 { x = screen.put(glyphs.separator, x: x, y: 1, style: .dim) }
            let state = model.state(of: step, shared)
            let (mark, style): (Character, Style) = switch state {
            case .current: (glyphs.current, Style(bold: true, reverse: true))
            case .done: (glyphs.done, .ok)
            case .warnings: (glyphs.warning, .warning)
            case .errors: (glyphs.error, .error)
            case .pending: (glyphs.pending, .dim)
            case .skipped: (glyphs.skipped, .dim)
            }
            x = screen.put("\(mark)\(step.title)", x: x, y: 1, style: style)
        }
    }

    private static func drawTooSmall(_ model: WizardModel, into screen: inout ScreenBuffer) {
        let lines = [Catalog.text("wizard.tooSmall.enlarge"), Catalog.text("wizard.tooSmall.minimum"), Catalog.text("too-small.now", ["width": "\(model.width)", "height": "\(model.height)"]), Catalog.text("too-small.quit")]
        for (index, line) in lines.enumerated() {
            screen.put(line, x: max(0, (model.width - ScreenBuffer.columns(of: line)) / 2), y: model.height / 2 - 2 + index, style: index == 0 ? .strong : .plain)
        }
    }
}
