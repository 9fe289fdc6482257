import PftlsCore

/// Step 1: the directory for the key and certificate files, checked as it is typed.
enum DirectoryStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        // Tab completes the path (the text field takes it before the key map).
        KeyMap(KeyMap.common.map { $0.action == .focusNext ? KeyBinding([.tab], .focusNext, label: "Tab", help: Catalog.text("word.complete")) : $0 }
               .filter { $0.action != .focusPrevious })
    }

    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) { ("layout.chain-file", nil) }

    static func blockingProblem(_ model: WizardModel) -> String? {
        guard model.directory.isChecked else { return Catalog.text("DirectoryStep.text") }
        return model.directory.findings.first { $0.severity == .error }.map { "\($0.message). \($0.hint)" }
    }

    static func isChecking(_ model: WizardModel) -> Bool { !model.directory.isChecked }

    static func barState(_ model: WizardModel) -> StepState { model.directory.state }

    static func findings(_ model: WizardModel) -> [Finding] { model.directory.findings }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        action == .activate ? model.goNext() : []
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let glyphs = model.context.glyphs
        screen.put(Catalog.text("DirectoryStep.text2"), x: 2, y: top, style: .strong)
        screen.put(Catalog.text("DirectoryStep.text3"), x: 2, y: top + 1)
        screen.put(Catalog.text("DirectoryStep.text4"), x: 2, y: top + 2)
        // The field starts after the label, whatever its width in this language.
        let fieldX = screen.put(Catalog.text("label.directory"), x: 2, y: top + 4) + 1
        model.directory.field.render(into: &screen, x: fieldX, y: top + 4, width: model.width - fieldX - 3, focused: true)
        var y = top + 6
        let findings = model.directory.findings
        if findings.isEmpty {
            for line in [Catalog.text("DirectoryStep.text5"), Catalog.text("DirectoryStep.text6", ["value": "\(model.context.trustedOwner == 0 ? "root" : Catalog.text("word.you-demo-sandbox"))"]),
                         Catalog.text("DirectoryStep.text7"), Catalog.text("DirectoryStep.text8")] {
                screen.put("\(glyphs.done) \(line)", x: 4, y: y, style: .ok)
                y += 1
            }
        } else {
            y = WizardView.drawFindings(findings, into: &screen, x: 4, y: y, maxRows: 5, glyphs: glyphs, width: model.width - 6)
            if let first = findings.sorted(by: { $0.severity > $1.severity }).first {
                WizardView.drawWrapped(Catalog.text("finding.fix", ["hint": first.hint]), into: &screen, x: 6, y: y, width: model.width - 8,
                                       maxRows: max(1, bottom - 2 - y), style: .dim, glyphs: glyphs)
            }
        }
        WizardView.drawNext(true, into: &screen, y: bottom - 1)
    }
}
