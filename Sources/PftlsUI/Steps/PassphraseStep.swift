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
        guard model.passphrase.passphrase(for: model.effectiveAssignment.key) != nil else { return "type the key's passphrase and press Enter." }
        return model.files.blockingErrors.first.map { "[\($0.code)] \($0.message). Press Esc to go back to Files." }
    }

    static func barState(_ model: WizardModel) -> StepState {
        guard model.passphrase.passphrase(for: model.effectiveAssignment.key) != nil else { return .pending }
        return model.files.blockingErrors.isEmpty ? .done : .errors
    }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        action == .activate ? model.goNext() : []
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let key = model.files.assignment.key ?? "the key"
        let lines = [
            "The private key \(key) is encrypted.",
            "",
            "Postfix starts without anyone at the keyboard, so it cannot ask for a",
            "passphrase: it needs the key unencrypted. pftls decrypts it in memory and",
            "writes the unencrypted copy into \(model.directory.field.value),",
            "owned by root with mode 0600 from the first byte. The original file stays",
            "untouched. The passphrase is never shown, logged or saved.",
        ]
        for (index, line) in lines.enumerated() { screen.put(line, x: 2, y: top + index, limit: model.width - 4) }
        var y = top + lines.count + 1
        if let demo = model.context.demo {
            screen.put("Demo: the sample key's passphrase is \"\(demo.passphrase)\".", x: 2, y: y, style: .accent)
            y += 2
        }
        screen.put("Passphrase:", x: 2, y: y)
        let mask = String(repeating: model.context.glyphs == .ascii ? "*" : "•", count: model.passphrase.length)
        var field = TextField(mask)
        field.set(mask)
        field.render(into: &screen, x: 14, y: y, width: 40, focused: true)
        y += 2
        if model.passphrase.checking { screen.put("Trying the passphrase…", x: 2, y: y, style: .dim) }
        if let message = model.passphrase.message {
            WizardView.drawWrapped(message, into: &screen, x: 2, y: y, width: model.width - 4, maxRows: max(1, bottom - 2 - y),
                                   style: .error, glyphs: model.context.glyphs)
        }
        WizardView.drawNext(false, into: &screen, y: bottom - 1, label: "Enter: unlock")
    }
}

extension WizardModel {
    mutating func submitPassphrase() -> [Effect] {
        guard passphrase.length > 0 else {
            passphrase.message = "Type the passphrase first."
            return []
        }
        passphrase.checking = true
        return [.inspect(effectiveAssignment, passphrase: passphrase.take())]
    }

}
