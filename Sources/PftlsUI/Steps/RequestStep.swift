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
        switch action {
        case .down, .focusNext: model.request.moveFocus(1)
        case .up, .focusPrevious: model.request.moveFocus(-1)
        case .left where model.request.focus == .keyType: model.request.cycleKeyType(-1)
        case .right where model.request.focus == .keyType, .toggle where model.request.focus == .keyType: model.request.cycleKeyType(1)
        case .activate:
            if model.request.focus != .create { model.request.moveFocus(1); return [] }
            if let problem = model.request.problem {
                model.message = (problem, .error)
                return []
            }
            model.request.busy = true
            return [.makeRequest(names: model.request.nameList, keyType: model.request.keyType, directory: model.request.directory.value)]
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
            x = screen.put("\(mark) \(type.rawValue)", x: x, y: y, style: state.focus == .keyType && type == state.keyType ? .selected : .plain) + 3
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
