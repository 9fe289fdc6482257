import PftlsCore

/// Step 5: check boxes for the three services with listen addresses, and the plan
/// preview's findings about master.cf and SASL.
enum ServicesStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) {
        ("service." + model.services.rows[model.services.focusedRow ?? 0].name.rawValue, nil)
    }

    static func blockingProblem(_ model: WizardModel) -> String? {
        if case .failure(let problem) = model.services.services() { return problem.message }
        return nil
    }

    static func barState(_ model: WizardModel) -> StepState { model.services.state }

    static func findings(_ model: WizardModel) -> [Finding] { model.services.preview?.findings ?? [] }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] { model.servicesAction(action) }

    static var descriptions: [Answers.ServiceName: String] { [
        .smtp: Catalog.text("ServicesStep.text"),
        .submission: Catalog.text("ServicesStep.text2"),
        .submissions: Catalog.text("ServicesStep.text3"),
    ] }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let state = model.services
        let glyphs = model.context.glyphs
        // The question and its note wrap rather than being cut; the rows follow them.
        var first = WizardView.drawWrapped(Catalog.text("ServicesStep.text4"), into: &screen, x: 2, y: top, width: model.width - 3,
                                           maxRows: 2, style: .plain, glyphs: glyphs)
        first = WizardView.drawWrapped(Catalog.text("ServicesStep.text5"), into: &screen, x: 2, y: first, width: model.width - 3,
                                       maxRows: 2, style: .dim, glyphs: glyphs) + 1
        for (index, row) in state.rows.enumerated() {
            let y = first + index * 2
            let box = row.enabled ? glyphs.checkOn : glyphs.checkOff
            let focused = state.focus == index * 2
            screen.put("\(box) \(descriptions[row.name]!)", x: 2, y: y, style: focused ? .selected : (row.enabled ? .strong : .plain))
            screen.put(Catalog.text("label.listen"), x: 8, y: y + 1, style: .dim)
            row.listen.render(into: &screen, x: 16, y: y + 1, width: 30, focused: state.focus == index * 2 + 1)
        }
        var y = first + state.rows.count * 2 + 1
        if let preview = state.preview {
            let relevant = preview.findings.filter { [.saslNotConfigured, .masterCfPasteDamage, .encryptOnPort25, .obsoleteSetting].contains($0.code) }
            if relevant.isEmpty {
                screen.put(Catalog.text("ServicesStep.text6", ["done": "\(glyphs.done)"]), x: 2, y: y, style: .ok)
            } else {
                y = WizardView.drawFindings(relevant, into: &screen, x: 2, y: y, maxRows: bottom - y - 2, glyphs: glyphs, width: model.width - 3)
                if let first = relevant.sorted(by: { $0.severity > $1.severity }).first {
                    WizardView.drawWrapped(Catalog.text("finding.fix", ["hint": first.hint]), into: &screen, x: 4, y: y, width: model.width - 5,
                                           maxRows: max(1, bottom - y), style: .dim, glyphs: glyphs)
                }
            }
        } else {
            screen.put(Catalog.text("ServicesStep.text7"), x: 2, y: y, style: .dim)
        }
        WizardView.drawNext(state.nextFocused, into: &screen, y: bottom)
    }
}

extension WizardModel {
    mutating func servicesAction(_ action: Action) -> [Effect] {
        switch action {
        case .focusNext, .down: services.focus = (services.focus + 1) % services.focusCount
        case .focusPrevious, .up: services.focus = (services.focus + services.focusCount - 1) % services.focusCount
        case .toggle, .activate:
            if services.nextFocused { return goNext() }
            if let row = services.focusedRow, !services.listenFocused {
                services.rows[row].enabled.toggle()
                if let answers = answers() { return [.plan(answers, passphrase: acceptedPassphrase)] }
            }
        default: break
        }
        return []
    }
}
