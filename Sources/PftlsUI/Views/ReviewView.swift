/// Step 6: the plan, scrollable, and the actions.
enum ReviewView {
    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let review = model.review
        let rows = model.screenLayout.reviewRows
        if let busy = review.busy {
            screen.put(busy, x: 2, y: top + 1, style: .accent)
        } else if review.plan == nil {
            screen.put("No plan yet.", x: 2, y: top + 1, style: .dim)
        } else {
            for (row, line) in review.lines.dropFirst(review.offset).prefix(rows).enumerated() {
                let style: Style = line.hasPrefix("+") ? .ok : (line.hasPrefix("-") ? .error : (line.hasPrefix("@@") ? .accent : .plain))
                screen.put(line, x: 1, y: top + row, style: style, limit: model.width - 2)
            }
            if review.lines.count > rows {
                screen.put("\(review.offset + 1)-\(min(review.lines.count, review.offset + rows))/\(review.lines.count)", x: model.width - 12, y: bottom - 1, style: .dim)
            }
        }
        var x = 2
        for choice in ReviewStepState.Choice.allCases {
            let label = "[ \(choice.label) ]"
            x = screen.put(label, x: x, y: bottom, style: choice == review.choice ? Style(bold: true, reverse: true) : .strong) + 2
        }
    }
}

/// The result: what was done, probes, backup and the rollback command.
enum ResultView {
    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        guard let result = model.result else { return }
        let rows = model.screenLayout.resultRows
        for (row, line) in result.wrapped.dropFirst(result.offset).prefix(rows).enumerated() {
            let first = result.offset + row == 0
            screen.put(line, x: 1, y: top + row, style: first ? (result.succeeded ? .ok : .error) : .plain, limit: model.width - 2)
        }
        if result.wrapped.count > rows {
            screen.put("\(result.offset + 1)-\(min(result.wrapped.count, result.offset + rows))/\(result.wrapped.count)", x: model.width - 12, y: bottom, style: .dim)
        }
        WizardView.drawNext(true, into: &screen, y: bottom, label: "Enter: exit")
    }
}

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
            box("Quit?", x: 18, y: 9, width: 44, height: 5, glyphs: model.context.glyphs, into: &screen)
            screen.put("Quit without writing anything? (y/n)", x: 21, y: 11, style: .strong)
        case .prompt(let title, let field, _):
            box("Save", x: left, y: 9, width: width, height: 5, glyphs: model.context.glyphs, into: &screen)
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
