import PftlsCore

/// Step 4: the two security levels and the layout as radio lists, in the manner of
/// dialog: ↑↓ move through options and groups, Space (or Enter) chooses.
enum LevelsStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) {
        let levels = model.levels
        switch levels.focus {
        case .smtpd, .dedicated, .next: return ("smtpd_tls_security_level", levels.smtpdLevel)
        case .smtp, .lowering: return ("smtp_tls_security_level", levels.smtpLevel)
        case .layout: return (levels.helpName, nil)
        }
    }

    static func blockingProblem(_ model: WizardModel) -> String? { model.levels.blockingProblem }

    static func barState(_ model: WizardModel) -> StepState { model.levels.state }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] { model.levelsAction(action) }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let levels = model.levels
        let glyphs = model.context.glyphs
        var y = top
        y = group(Catalog.text("LevelsStep.text"), options: Answers.smtpdLevels, chosen: levels.smtpd,
                  focused: levels.focus == .smtpd, parameter: "smtpd_tls_security_level", model: model, into: &screen, y: y, columns: 3)
        y = group(Catalog.text("LevelsStep.text2"), options: Answers.smtpLevels, chosen: levels.smtp,
                  focused: levels.focus == .smtp, parameter: "smtp_tls_security_level", model: model, into: &screen, y: y, columns: 4)
        if levels.lowersClientLevel, let current = levels.smtpInForce {
            screen.put(Catalog.text("LevelsStep.text3", ["warning": "\(glyphs.warning)", "current": "\(current)"]), x: 2, y: y - 1,
                       style: .warning, limit: model.width - 3)
            let box = levels.confirmLowering ? glyphs.checkOn : glyphs.checkOff
            screen.put(Catalog.text("LevelsStep.text4", ["box": "\(box)"]), x: 4, y: y, style: levels.focus == .lowering ? .selected : .plain)
            y += 2
        }
        let layouts = Answers.Layout.allCases.map(\.rawValue)
        y = group(Catalog.text("LevelsStep.text5"), options: layouts, chosen: layouts.firstIndex(of: levels.layout.rawValue)!,
                  focused: levels.focus == .layout, parameter: "layout", model: model, into: &screen, y: y, columns: 2)
        if levels.asksDedicated {
            screen.put(Catalog.text("LevelsStep.text6", ["warning": "\(glyphs.warning)"]), x: 2, y: y, style: .warning, limit: model.width - 3)
            screen.put(Catalog.text("LevelsStep.text7"), x: 2, y: y + 1, style: .warning, limit: model.width - 3)
            let box = levels.dedicatedNonMX ? glyphs.checkOn : glyphs.checkOff
            let style: Style = levels.focus == .dedicated ? .selected : .plain
            screen.put(Catalog.text("LevelsStep.text8", ["box": "\(box)"]), x: 4, y: y + 2, style: style)
        }
        WizardView.drawNext(levels.focus == .next, into: &screen, y: bottom)
    }

    /// A titled radio group laid out in `columns`, with the chosen option's summary beneath.
    private static func group(_ title: String, options: [String], chosen: Int, focused: Bool, parameter: String,
                              model: WizardModel, into screen: inout ScreenBuffer, y: Int, columns: Int) -> Int {
        let glyphs = model.context.glyphs
        screen.put(title, x: 2, y: y, style: focused ? .accent : .strong)
        let columnWidth = (model.width - 6) / columns
        for (index, option) in options.enumerated() {
            let x = 4 + (index % columns) * columnWidth
            let row = y + 1 + index / columns
            let mark = index == chosen ? glyphs.radioOn : glyphs.radioOff
            let highlighted = focused && index == model.levels.cursor
            screen.put("\(mark) \(option)", x: x, y: row, style: highlighted ? .selected : (index == chosen ? .strong : .plain))
        }
        let rows = (options.count + columns - 1) / columns
        let summaryParameter = parameter == "layout" ? "layout." + options[chosen] : parameter
        let summary = parameter == "layout" ? (ParameterHelpCatalog.lookup(summaryParameter)?.summary ?? "")
            : WizardModel.valueSummary(parameter, options[chosen])
        screen.put(summary, x: 6, y: y + 1 + rows, style: .dim, limit: model.width - 8)
        return y + rows + 3
    }
}

extension WizardModel {
    mutating func levelsAction(_ action: Action) -> [Effect] {
        switch action {
        case .up: levels.moveCursor(-1)
        case .down: levels.moveCursor(1)
        case .left: levels.moveWithinGroup(-1)
        case .right: levels.moveWithinGroup(1)
        case .toggle: levels.choose()
        case .focusNext: levels.cycleFocus(1)
        case .focusPrevious: levels.cycleFocus(-1)
        case .activate: if !levels.choose() { return goNext() }
        default: break
        }
        return []
    }

}
