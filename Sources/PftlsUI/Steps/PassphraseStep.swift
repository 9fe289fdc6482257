import PftlsCore

/// Step 3: why the passphrase is needed, where the key will go, a masked input; a
/// key that does not match is told here, as soon as it is unlocked.
enum PassphraseStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        // One field and no buttons: nothing to move between.
        KeyMap(KeyMap.common.filter { $0.action != .focusNext && $0.action != .focusPrevious })
    }

    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) { ("smtpd_tls_key_file", nil) }

    static func blockingProblem(_ model: WizardModel) -> String? {
        guard model.passphrase.passphrase(for: model.effectiveAssignment.key) != nil else { return Catalog.text("PassphraseStep.text") }
        return model.files.blockingErrors.first.map { Catalog.text("PassphraseStep.text2", ["value": "\($0.code)", "value2": "\($0.message)"]) }
    }

    static func barState(_ model: WizardModel) -> StepState {
        guard model.passphrase.passphrase(for: model.effectiveAssignment.key) != nil else { return .pending }
        return model.files.blockingErrors.isEmpty ? .done : .errors
    }

    static func findings(_ model: WizardModel) -> [Finding] { FilesStep.findings(model) }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        action == .activate ? model.goNext() : []
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let key = model.files.assignment.key ?? Catalog.text("PassphraseStep.text3")
        // The key's path may be long: its line wraps (two rows at most), the rest follows.
        let shift = WizardView.drawWrapped(Catalog.text("PassphraseStep.text4", ["key": "\(key)"]), into: &screen, x: 2, y: top,
                                           width: model.width - 4, maxRows: 2, style: .plain, glyphs: model.context.glyphs) - top - 1
        let lines = [
            "",
            "",
            Catalog.text("PassphraseStep.text5"),
            Catalog.text("PassphraseStep.text6"),
            Catalog.text("PassphraseStep.text7", ["value": "\(model.directory.field.value)"]),
            Catalog.text("PassphraseStep.text8"),
            Catalog.text("PassphraseStep.text9"),
        ]
        // A line with a long path wraps (two rows at most) and the rest move down.
        var y = top + shift
        for line in lines {
            y = line.isEmpty ? y + 1 : WizardView.drawWrapped(line, into: &screen, x: 2, y: y, width: model.width - 4, maxRows: 2,
                                                              style: .plain, glyphs: model.context.glyphs)
        }
        y += 1
        if let demo = model.context.demo {
            screen.put(Catalog.text("PassphraseStep.text10", ["passphrase": "\(demo.passphrase)"]), x: 2, y: y, style: .accent)
            y += 2
        }
        let fieldX = screen.put(Catalog.text("label.passphrase"), x: 2, y: y) + 1
        let mask = String(repeating: model.context.glyphs == .ascii ? "*" : "•", count: model.passphrase.length)
        var field = TextField(mask)
        field.set(mask)
        field.render(into: &screen, x: fieldX, y: y, width: 40, focused: true)
        y += 2
        if model.passphrase.checking { screen.put(Catalog.text("PassphraseStep.text11"), x: 2, y: y, style: .dim) }
        if let message = model.passphrase.message {
            WizardView.drawWrapped(message, into: &screen, x: 2, y: y, width: model.width - 4, maxRows: max(1, bottom - 2 - y),
                                   style: .error, glyphs: model.context.glyphs)
        }
        WizardView.drawNext(false, into: &screen, y: bottom - 1, label: Catalog.text("PassphraseStep.text12"))
    }
}

extension WizardModel {
    mutating func submitPassphrase() -> [Effect] {
        guard passphrase.length > 0 else {
            passphrase.message = Catalog.text("PassphraseStep.text13")
            return []
        }
        passphrase.checking = true
        return [.inspect(effectiveAssignment, passphrase: passphrase.take())]
    }

}
