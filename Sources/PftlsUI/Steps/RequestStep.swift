import PftlsCore

/// "I have no certificate yet": names (default myhostname), the key type and the
/// directory; Create makes the key (0600) and the CSR, then the result shows the CSR
/// to paste into the CA's form and what comes next.
enum RequestStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) { ("smtpd_tls_key_file", nil) }

    static func blockingProblem(_ model: WizardModel) -> String? { model.request.problem }

    static func barState(_ model: WizardModel) -> StepState { model.request.problem == nil ? .done : .pending }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        // The key types are a radio list like the Levels step's: the arrows move, Space chooses.
        switch action {
        case .focusNext: model.request.moveFocus(1)
        case .focusPrevious: model.request.moveFocus(-1)
        case .down: model.request.moveThrough(1)
        case .up: model.request.moveThrough(-1)
        case .left where model.request.focus == .keyType: model.request.moveAlongKeyTypes(-1)
        case .right where model.request.focus == .keyType: model.request.moveAlongKeyTypes(1)
        case .toggle where model.request.focus == .keyType: model.request.chooseKeyType()
        case .activate:
            if model.request.focus == .keyType, model.request.chooseKeyType() { return [] }
            if model.request.focus != .create { model.request.moveFocus(1); return [] }
            return model.createRequest()
        default: break
        }
        return []
    }

    /// F1 shows in full what the screen may cut: the note on myhostname and the note on the key.
    static func facts(_ model: WizardModel) -> [String] {
        [model.request.hostNameAdvice, Catalog.text("request.note")].compactMap { $0 }
    }

    /// The label before a field's value ("" for the Create button).
    static func label(_ focus: RequestStepState.Focus) -> String {
        switch focus {
        case .names: Catalog.text("request.names")
        case .keyType: Catalog.text("request.key-type")
        case .directory: Catalog.text("request.directory")
        case .create: ""
        default: focus.attribute.map { Catalog.text("request.field.label", ["field": RequestSubjectFields.name($0)]) } ?? ""
        }
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let state = model.request
        let glyphs = model.context.glyphs
        var y = WizardView.drawWrapped(Catalog.text("request.intro"), into: &screen, x: 2, y: top, width: model.width - 4, maxRows: 3,
                                       style: .plain, glyphs: glyphs) + 1
        // One column for every value, after the longest label.
        let column = 2 + RequestStepState.Focus.allCases.map { ScreenBuffer.columns(of: Self.label($0)) }.max()! + 1
        let fieldWidth = model.width - column - 3
        func label(_ focus: RequestStepState.Focus) {
            screen.put(Self.label(focus), x: 2, y: y, style: state.focus == focus ? .accent : .strong)
        }
        label(.names)
        state.names.render(into: &screen, x: column, y: y, width: fieldWidth, focused: state.focus == .names)
        y += 1
        if let advice = state.hostNameAdvice {
            y = WizardView.drawWrapped(advice, into: &screen, x: 2, y: y, width: model.width - 4, maxRows: 3, style: .warning, glyphs: glyphs)
        }
        label(.keyType)
        var x = column
        for type in RequestMaker.KeyType.allCases {
            let mark = type == state.keyType ? glyphs.radioOn : glyphs.radioOff
            let highlighted = state.focus == .keyType && type == RequestMaker.KeyType.allCases[state.keyTypeCursor]
            x = screen.put("\(mark) \(type.rawValue)", x: x, y: y, style: highlighted ? .selected : (type == state.keyType ? .strong : .plain)) + 3
        }
        y += 1
        label(.directory)
        state.directory.render(into: &screen, x: column, y: y, width: fieldWidth, focused: state.focus == .directory)
        y += 2
        screen.put(Catalog.text("request.subject.heading"), x: 2, y: y, style: .dim, limit: model.width - 4)
        y += 1
        for focus in RequestStepState.Focus.allCases {
            guard let attribute = focus.attribute else { continue }
            label(focus)
            let width = attribute == .country ? min(fieldWidth, 4) : fieldWidth
            state.subject[attribute].render(into: &screen, x: column, y: y, width: width, focused: state.focus == focus)
            y += 1
        }
        y += 1
        if state.busy {
            screen.put(Catalog.text("request.busy"), x: 2, y: y, style: .accent)
        } else if y < bottom - 1 {
            WizardView.drawWrapped(Catalog.text("request.note"), into: &screen, x: 2, y: y, width: model.width - 4, maxRows: bottom - 1 - y,
                                   style: .dim, glyphs: glyphs)
        }
        WizardView.drawNext(state.focus == .create, into: &screen, y: bottom, label: Catalog.text("request.create"))
    }
}

extension WizardModel {
    /// Makes the key and the CSR, or says why not; the focus stays where it is.
    mutating func createRequest() -> [Effect] {
        if let problem = request.problem {
            message = (problem, .error)
            return []
        }
        guard case .success(let subject) = request.subject.subject else { return [] }
        request.busy = true
        return [.makeRequest(names: request.nameList, keyType: request.keyType, directory: request.directory.value, subject: subject)]
    }
}
