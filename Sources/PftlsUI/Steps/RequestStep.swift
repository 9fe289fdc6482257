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

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let state = model.request
        let glyphs = model.context.glyphs
        var y = WizardView.drawWrapped(Catalog.text("request.intro"), into: &screen, x: 2, y: top, width: model.width - 4, maxRows: 3,
                                       style: .plain, glyphs: glyphs) + 1
        let namesX = screen.put(Catalog.text("request.names"), x: 2, y: y, style: state.focus == .names ? .accent : .strong) + 1
        state.names.render(into: &screen, x: namesX, y: y, width: model.width - namesX - 3, focused: state.focus == .names)
        y += 2
        let typeX = screen.put(Catalog.text("request.key-type"), x: 2, y: y, style: state.focus == .keyType ? .accent : .strong) + 1
        var x = typeX
        for type in RequestMaker.KeyType.allCases {
            let mark = type == state.keyType ? glyphs.radioOn : glyphs.radioOff
            let highlighted = state.focus == .keyType && type == RequestMaker.KeyType.allCases[state.keyTypeCursor]
            x = screen.put("\(mark) \(type.rawValue)", x: x, y: y, style: highlighted ? .selected : (type == state.keyType ? .strong : .plain)) + 3
        }
        y += 2
        let directoryX = screen.put(Catalog.text("request.directory"), x: 2, y: y, style: state.focus == .directory ? .accent : .strong) + 1
        state.directory.render(into: &screen, x: directoryX, y: y, width: model.width - directoryX - 3, focused: state.focus == .directory)
        y += 2
        WizardView.drawWrapped(Catalog.text("request.note"), into: &screen, x: 2, y: y, width: model.width - 4, maxRows: 3, style: .dim, glyphs: glyphs)
        if state.busy { screen.put(Catalog.text("request.busy"), x: 2, y: bottom - 2, style: .accent) }
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
        request.busy = true
        return [.makeRequest(names: request.nameList, keyType: request.keyType, directory: request.directory.value)]
    }
}
