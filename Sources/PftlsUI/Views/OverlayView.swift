import PftlsCore
/// Boxes over the step: help, quit confirmation, path prompts.
enum OverlayView {
    static func draw(_ overlay: Overlay, model: WizardModel, into screen: inout ScreenBuffer) {
        let left = 3
        let width = model.width - 6
        switch overlay {
        case .help(let title, let lines, let offset):
            let rows = model.screenLayout.helpRows
            box(title, x: left, y: 2, width: width, height: rows + 2, glyphs: model.context.glyphs, into: &screen)
            for (row, line) in lines.dropFirst(offset).prefix(rows).enumerated() {
                screen.put(line, x: left + 2, y: 3 + row, limit: width - 4)
            }
            if lines.count > rows {
                screen.put(" \(offset + 1)-\(min(lines.count, offset + rows))/\(lines.count) ", x: left + width - 14, y: rows + 3, style: .accent)
            }
        case .confirmQuit:
            box(Catalog.text("overlay.quit"), x: 18, y: 9, width: 44, height: 5, glyphs: model.context.glyphs, into: &screen)
            screen.put(Catalog.text("wizard.quit.confirm"), x: 21, y: 11, style: .strong)
        case .prompt(let title, let field, _):
            box(Catalog.text("word.save"), x: left, y: 9, width: width, height: 5, glyphs: model.context.glyphs, into: &screen)
            screen.put(title, x: left + 2, y: 10)
            field.render(into: &screen, x: left + 2, y: 11, width: width - 4, focused: true)
        }
    }

    private static func box(_ title: String, x: Int, y: Int, width: Int, height: Int, glyphs: Glyphs, into screen: inout ScreenBuffer) {
        for row in y..<(y + height) { screen.fill(x: x, y: row, count: width, style: .plain) }
        let horizontal = String(repeating: glyphs.horizontal, count: width - 2)
        screen.put(glyphs.corners[0] + horizontal + glyphs.corners[1], x: x, y: y, style: .accent)
        screen.put(glyphs.corners[2] + horizontal + glyphs.corners[3], x: x, y: y + height - 1, style: .accent)
        for row in (y + 1)..<(y + height - 1) {
            screen.put(glyphs.vertical, x: x, y: row, style: .accent)
            screen.put(glyphs.vertical, x: x + width - 1, y: row, style: .accent)
        }
        screen.put(" \(title) ", x: x + 2, y: y, style: .accent)
    }
}
