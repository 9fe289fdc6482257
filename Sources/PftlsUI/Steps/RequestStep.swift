import PftlsCore

extension StepID {
    /// No certificate yet: a key and a CSR.
    static let request = StepID("request")
}

/// "I have no certificate yet": names (default myhostname), the key type, the directory
/// and the optional organisation fields; Create makes the key (0600) and the CSR, then
/// the last screen shows the CSR to paste into the CA's form and what comes next.
struct RequestStep: WizardStep {
    var id: StepID { .request }
    var title: String { Catalog.text("step.request") }

    /// What has the keyboard.
    enum Focus: CaseIterable {
        case names, keyType, directory, organization, unit, locality, state, country, create

        /// The organisation field this is, if it is one.
        var attribute: RequestSubject.Attribute? {
            switch self {
            case .organization: .organization
            case .unit: .unit
            case .locality: .locality
            case .state: .state
            case .country: .country
            default: nil
            }
        }

        /// True for the fields typed into.
        var takesText: Bool { self == .names || self == .directory || attribute != nil }
    }

    var focus: Focus = .names
    /// The names, separated by spaces or commas; the first is the common name.
    var names = TextField()
    /// The key types, a radio list like the Levels step's.
    var keyTypes = RadioGroup(count: RequestMaker.KeyType.allCases.count,
                              chosen: RequestMaker.KeyType.allCases.firstIndex(of: .recommended) ?? 0)
    var directory = TextField()
    /// Organisation, unit, locality, state and country: optional.
    var subject = RequestSubjectFields()
    /// What to say about myhostname when it is not a fully qualified name.
    var hostNameAdvice: String?
    /// True while the key and CSR are being made.
    var busy = false

    /// The key type chosen.
    var keyType: RequestMaker.KeyType { RequestMaker.KeyType.allCases[keyTypes.chosen] }

    func isOnPath(_ shared: StepContext) -> Bool { shared.path == .request }

    /// Fills in the proposals unless the user typed already: myhostname (or, when it is
    /// not fully qualified, myhostname.mydomain, said so in `hostNameAdvice`), the MX
    /// names and the directory.
    mutating func propose(hostName: RequestDefaults.HostName, mxNames: [String], directory proposedDirectory: String) {
        var proposed = mxNames
        switch hostName {
        case .qualified(let name): proposed.insert(name, at: 0)
        case .unqualified(_, let proposal?): proposed.insert(proposal, at: 0)
        default: break
        }
        hostNameAdvice = hostName.advice(for: .wizard)
        let usable = proposed.filter(RequestMaker.isHostName).reduce(into: [String]()) { list, name in if !list.contains(name) { list.append(name) } }
        if names.value.isEmpty, !usable.isEmpty { names.set(usable.joined(separator: " ")) }
        if directory.value.isEmpty { directory.set(proposedDirectory) }
    }

    /// The names typed, in order.
    var nameList: [String] {
        names.value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }

    /// Why the request cannot be made yet, or nil.
    var problem: String? {
        let list = nameList
        if list.isEmpty { return hostNameAdvice ?? Catalog.text("request.no-name") }
        if let bad = list.first(where: { !RequestMaker.isHostName($0) }) {
            return Catalog.text("csr.bad-name", ["name": SafeText.escape(bad)])
        }
        return subject.problem
    }

    // MARK: Background work

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        switch event {
        case .postfixDetected(_, let summary):
            guard !shared.visited.contains(id) else { return .nothing }
            propose(hostName: RequestDefaults.hostName(myhostname: summary.hostname, mydomain: summary.domain), mxNames: summary.mxNames,
                    directory: shared.wizard.demo?.root ?? summary.requestDirectory)
            return .nothing
        case .requestMade(let outcome):
            busy = false
            switch outcome {
            case .success(let made):
                let lines = made.request.split(separator: "\n").map(String.init) + [""] + RequestMaker.summary(made, configDirectory: shared.wizard.configDirectory)
                return StepReply(navigation: .finish(WizardOutcome(succeeded: true, lines: lines)))
            case .failure(let problem):
                return .message(problem.description, .error)
            }
        default:
            return .nothing
        }
    }

    /// Next on this step, the last of its path, makes the key and the CSR.
    mutating func endOfPath(_ shared: StepContext) -> StepReply { createRequest() }

    /// Makes the key and the CSR, or says why not; the focus stays where it is.
    private mutating func createRequest() -> StepReply {
        if let problem { return .message(problem, .error) }
        guard case .success(let subject) = subject.subject else { return .nothing }
        busy = true
        return .effects([.makeRequest(names: nameList, keyType: keyType, directory: directory.value, subject: subject)])
    }

    // MARK: Keys

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    /// The names and the directory take every printable key; the organisation fields
    /// leave Space and the letters bound (their values are codes and names).
    var isTyping: Bool { focus == .names || focus == .directory }

    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? {
        guard focus.takesText, TextField.isEditing(key) else { return nil }
        if focus == .names { _ = names.edit(key) } else if focus == .directory { _ = directory.edit(key) }
        if let attribute = focus.attribute { _ = subject[attribute].edit(key) }
        return .nothing
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        // The key types are a radio list like the Levels step's: the arrows move, Space chooses.
        switch action {
        case .focusNext: moveFocus(1)
        case .focusPrevious: moveFocus(-1)
        case .down: moveThrough(1)
        case .up: moveThrough(-1)
        case .left where focus == .keyType: keyTypes.along(by: -1)
        case .right where focus == .keyType: keyTypes.along(by: 1)
        case .toggle where focus == .keyType: keyTypes.choose()
        case .activate:
            if focus == .keyType, keyTypes.choose() { return .nothing }
            if focus != .create { moveFocus(1); return .nothing }
            return createRequest()
        default: break
        }
        return .nothing
    }

    /// Tab: the next field; in the key types, the highlight starts on the chosen one.
    mutating func moveFocus(_ delta: Int) {
        focus = focus.cycled(by: delta)
        keyTypes.focusChosen()
    }

    /// ↑↓: through the key types as through any radio list, and on to the next field.
    mutating func moveThrough(_ delta: Int) {
        if focus == .keyType, keyTypes.step(by: delta) { return }
        moveFocus(delta > 0 ? 1 : -1)
        if focus == .keyType { keyTypes.enter(by: delta) }
    }

    // MARK: What blocks Next

    func blockingProblem(_ shared: StepContext) -> String? { problem }

    func barState(_ shared: StepContext) -> StepState { problem == nil ? .done : .pending }

    // MARK: Help

    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) { ("smtpd_tls_key_file", nil) }

    /// F1 shows in full what the screen may cut: the note on myhostname and the note on the key.
    func facts(_ shared: StepContext) -> [String] {
        [hostNameAdvice, Catalog.text("request.note")].compactMap { $0 }
    }

    // MARK: Drawing

    /// The label before a field's value ("" for the Create button).
    static func label(_ focus: Focus) -> String {
        switch focus {
        case .names: Catalog.text("request.names")
        case .keyType: Catalog.text("request.key-type")
        case .directory: Catalog.text("label.directory")
        case .create: ""
        default: focus.attribute.map { Catalog.text("request.field.label", ["field": RequestSubjectFields.name($0)]) } ?? ""
        }
    }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let x = area.x + 2
        var y = WrappedText(Catalog.text("request.intro")).draw(into: &screen, x: x, y: area.top, width: area.width - 4, maxRows: 3, glyphs: glyphs) + 1
        // One column for every value, after the longest label.
        let column = x + (Focus.allCases.map { ScreenBuffer.columns(of: Self.label($0)) }.max() ?? 0) + 1
        let fieldWidth = area.right - column - 3
        func label(_ field: Focus) {
            screen.put(Self.label(field), x: x, y: y, style: focus == field ? .accent : .strong)
        }
        label(.names)
        names.render(into: &screen, x: column, y: y, width: fieldWidth, focused: focus == .names)
        y += 1
        if let hostNameAdvice {
            y = WrappedText(hostNameAdvice, style: .warning).draw(into: &screen, x: x, y: y, width: area.width - 4, maxRows: 3, glyphs: glyphs)
        }
        label(.keyType)
        keyTypes.draw(RequestMaker.KeyType.allCases.map(\.rawValue), into: &screen, x: column, y: y, layout: .row(gap: 3), focused: focus == .keyType, glyphs: glyphs)
        y += 1
        label(.directory)
        directory.render(into: &screen, x: column, y: y, width: fieldWidth, focused: focus == .directory)
        y += 2
        screen.put(Catalog.text("request.subject.heading"), x: x, y: y, style: .dim, limit: area.width - 4)
        y += 1
        for field in Focus.allCases {
            guard let attribute = field.attribute else { continue }
            label(field)
            let width = attribute == .country ? min(fieldWidth, 4) : fieldWidth
            subject[attribute].render(into: &screen, x: column, y: y, width: width, focused: focus == field)
            y += 1
        }
        y += 1
        if busy {
            screen.put(Catalog.text("request.busy"), x: x, y: y, style: .accent)
        } else if y < area.bottom - 1 {
            WrappedText(Catalog.text("request.note"), style: .dim).draw(into: &screen, x: x, y: y, width: area.width - 4, maxRows: area.bottom - 1 - y, glyphs: glyphs)
        }
        Button(Catalog.text("request.create")).draw(into: &screen, x: x, y: area.bottom, focused: focus == .create)
    }
}
