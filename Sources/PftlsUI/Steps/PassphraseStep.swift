import PftlsCore

extension StepID {
    /// Step 3: the passphrase of an encrypted key.
    static let passphrase = StepID("passphrase")
}

/// Step 3: why the passphrase is needed, where the key will go, a masked input; a key
/// that does not match is told here, as soon as it is unlocked. The typed bytes live
/// only here until they are moved into wiped memory.
struct PassphraseStep: WizardStep {
    var id: StepID { .passphrase }
    var title: String { "3 " + Catalog.text("step.passphrase") }

    /// Typed characters; never drawn, never logged.
    private(set) var typed: [UInt8] = []
    var message: String?
    /// True while the typed passphrase is being tried on the key.
    var checking = false
    /// The key file a passphrase opened, and the passphrase: a newly picked key always
    /// gets its own prompt.
    var opened: OpenedKey?

    /// Number of characters typed, for the mask.
    var length: Int { typed.count }

    /// The passphrase applies when the files' key is encrypted; the bar shows the step on
    /// every path with files, marked skipped when it does not apply, so the numbers never jump.
    func isOnPath(_ shared: StepContext) -> Bool { shared.path != .request && shared.inspection?.keyIsEncrypted == true }

    func isInBar(_ shared: StepContext) -> Bool { shared.path != .request }

    /// Known not to apply: the files chosen, once checked, hold no encrypted key.
    func isSkipped(_ shared: StepContext) -> Bool {
        guard let inspection = shared.inspection else { return false }
        return shared.visited.contains(.files) && !inspection.keyIsEncrypted
    }

    func contribute(to shared: inout StepContext) { shared.openedKey = opened }

    func keyMap(_ shared: StepContext) -> KeyMap {
        // One field and no buttons: nothing to move between.
        KeyMap(KeyMap.common.filter { $0.action != .focusNext && $0.action != .focusPrevious })
    }

    var isTyping: Bool { true }

    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? {
        if key == .enter { return submit(shared) }
        guard TextField.isEditing(key) else { return nil }
        switch key {
        case .character(let character): typed.append(contentsOf: Array(String(character).utf8))
        case .backspace: if !typed.isEmpty { typed.removeLast() }
        case .control("u"): _ = take()
        default: break
        }
        return .nothing
    }

    /// Tries the typed passphrase on the key: the files are inspected again with it.
    private mutating func submit(_ shared: StepContext) -> StepReply {
        guard length > 0 else {
            message = Catalog.text("wizard.passphrase.empty")
            return .nothing
        }
        checking = true
        return .effects([.inspect(shared.filesToInspect, passphrase: take(), unlocking: true)])
    }

    /// Moves the typed bytes into wiped memory and clears the field.
    private mutating func take() -> SecretBytes {
        let secret = SecretBytes(wiping: &typed)
        typed.removeAll()
        return secret
    }

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        guard case .inspected(let inspection) = event, inspection.unlocking, checking else { return .nothing }
        checking = false
        if inspection.unlockFailed {
            message = Catalog.text("wizard.passphrase.wrong")
            return .nothing
        }
        opened = inspection.passphrase.map { OpenedKey(file: inspection.assignment.key, passphrase: $0) }
        // Unlocked, the key can be compared with the certificate: a mismatch is told
        // here, where it shows, with the way back to the files.
        if let first = inspection.blockingErrors.first {
            message = Catalog.text("wizard.passphrase.opensButUnfit", ["code": "\(first.code)", "message": "\(first.message)"])
            return .nothing
        }
        message = nil
        return .next
    }

    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) { ("smtpd_tls_key_file", nil) }

    func blockingProblem(_ shared: StepContext) -> String? {
        guard opened?.passphrase(for: shared.filesToInspect.key) != nil else { return Catalog.text("wizard.passphrase.typeIt") }
        return shared.inspection?.blockingErrors.first.map { Catalog.text("wizard.passphrase.blocked", ["code": "\($0.code)", "message": "\($0.message)"]) }
    }

    func barState(_ shared: StepContext) -> StepState {
        guard opened?.passphrase(for: shared.filesToInspect.key) != nil else { return .pending }
        return shared.inspection?.blockingErrors.isEmpty != false ? .done : .errors
    }

    /// The files' findings: the key unlocked here is checked with its certificate.
    func findings(_ shared: StepContext) -> [Finding] { shared.inspection?.findings ?? [] }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let x = area.x + 2
        let width = area.width - 4
        let key = shared.draft.files.key ?? Catalog.text("wizard.passphrase.theKey")
        // The key's path may be long: its line wraps (two rows at most), the rest follows.
        let shift = WrappedText(Catalog.text("wizard.passphrase.keyEncrypted", ["key": "\(key)"]))
            .draw(into: &screen, x: x, y: area.top, width: width, maxRows: 2, glyphs: glyphs) - area.top - 1
        // The explanation is one paragraph, wrapped; a long path moves the rest down.
        var y = WrappedText(Catalog.text("wizard.passphrase.explanation", ["directory": "\(shared.draft.certificateDirectory)"]), indent: 0)
            .draw(into: &screen, x: x, y: area.top + shift + 2, width: width, maxRows: 8, glyphs: glyphs)
        y += 1
        if let demo = shared.wizard.demo {
            screen.put(Catalog.text("wizard.passphrase.demo", ["passphrase": "\(demo.passphrase)"]), x: x, y: y, style: .accent)
            y += 2
        }
        let fieldX = screen.put(Catalog.text("label.passphrase"), x: x, y: y) + 1
        let mask = String(repeating: glyphs == .ascii ? "*" : "•", count: length)
        TextField(mask).render(into: &screen, x: fieldX, y: y, width: 40, focused: true)
        y += 2
        if checking { screen.put(Catalog.text("wizard.passphrase.trying"), x: x, y: y, style: .dim) }
        if let message {
            WrappedText(message, style: .error).draw(into: &screen, x: x, y: y, width: width, maxRows: max(1, area.bottom - 2 - y), glyphs: glyphs)
        }
        Button(Catalog.text("wizard.passphrase.unlockButton")).draw(into: &screen, x: x, y: area.bottom - 1, focused: false)
    }
}
