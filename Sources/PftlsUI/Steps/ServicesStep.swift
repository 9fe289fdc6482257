import PftlsCore

extension StepID {
    /// Step 5: the services that offer TLS.
    static let services = StepID("services")
}

/// Step 5: check boxes for the three services with listen addresses, one for Dovecot when
/// the plan preview covers it (its TLS listeners listed), and the preview's findings about
/// master.cf and SASL.
struct ServicesStep: WizardStep {
    var id: StepID { .services }
    var title: String { "5 " + Catalog.text("step.services") }

    /// One row: a checkbox and its listen address.
    struct Row {
        let name: Answers.ServiceName
        var enabled: Bool
        var listen: TextField
    }

    var rows: [Row] = Answers.ServiceName.allCases.map { Row(name: $0, enabled: true, listen: TextField()) }
    /// Focus: 0..<rows*2 alternate checkbox/listen; rows*2 is Next.
    var focus = Answers.ServiceName.allCases.count * 2
    /// Findings from the plan preview (SASL, pasted guide text, ...).
    var preview: ChangePlan?
    /// The Dovecot a preview covered: from then on its check box is shown.
    var dovecot: DovecotInstallation?
    /// The Dovecot check box: on until the user unticks it.
    var dovecotIncluded = true

    /// 1 while the Dovecot check box is shown (it sits after the services' rows).
    private var dovecotRows: Int { dovecot == nil ? 0 : 1 }
    var focusCount: Int { rows.count * 2 + dovecotRows + 1 }
    var nextFocused: Bool { focus == rows.count * 2 + dovecotRows }
    var dovecotFocused: Bool { dovecot != nil && focus == rows.count * 2 }
    var focusedRow: Int? { focus < rows.count * 2 ? focus / 2 : nil }
    var listenFocused: Bool { focus < rows.count * 2 && focus % 2 == 1 }

    /// The chosen services, or a message naming the bad listen address.
    func services() -> Result<[Answers.Service], StepProblem> {
        var chosen: [Answers.Service] = []
        for row in rows where row.enabled {
            let listen = row.listen.value.trimmingBlanks()
            if !listen.isEmpty, let problem = ListenAddress.problem(with: listen) {
                return .failure(StepProblem(Catalog.text("wizard.services.listenUnusable", ["service": "\(row.name.rawValue)", "problem": "\(problem)"])))
            }
            if !listen.isEmpty, let other = chosen.first(where: { $0.listen.map { ServiceKey($0, "inet") == ServiceKey(listen, "inet") } == true }) {
                return .failure(StepProblem(Catalog.text("wizard.services.listenShared", ["service": "\(row.name.rawValue)", "otherService": "\(other.name.rawValue)"])))
            }
            chosen.append(Answers.Service(name: row.name, listen: listen.isEmpty ? nil : listen))
        }
        return chosen.isEmpty ? .failure(StepProblem(Catalog.text("wizard.services.noneChosen"))) : .success(chosen)
    }

    func isOnPath(_ shared: StepContext) -> Bool { shared.path == .setUp }

    func contribute(to shared: inout StepContext) {
        shared.draft.services = services()
        shared.draft.dovecot = dovecot.map { dovecotIncluded ? .config($0.configFile) : .no }
    }

    /// The plan preview of the answers as they stand: its findings are this step's.
    private func preview(_ shared: StepContext) -> [Effect] {
        guard let answers = shared.answers else { return [] }
        return [.plan(answers, passphrase: shared.passphrase)]
    }

    mutating func enter(_ shared: StepContext) -> [Effect] { preview(shared) }

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        // A plan for answers that have changed since is stale: dropped, never shown.
        guard case .planned(let plan) = event, shared.isCurrent(id), plan.answers == shared.answers else { return .nothing }
        preview = plan
        if dovecot == nil, let found = plan.dovecotFound {
            // The box appears before Next, ticked when the plan covers Dovecot: Next keeps the focus it had.
            if nextFocused { focus += 1 }
            dovecot = found
            dovecotIncluded = plan.dovecot != nil
        }
        return .nothing
    }

    // MARK: Keys

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    var isTyping: Bool { listenFocused }

    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? {
        guard listenFocused, TextField.isEditing(key), let row = focusedRow else { return nil }
        _ = rows[row].listen.edit(key)
        return .nothing
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        switch action {
        case .focusNext, .down: focus = (focus + 1) % focusCount
        case .focusPrevious, .up: focus = (focus + focusCount - 1) % focusCount
        case .toggle, .activate:
            if nextFocused { return .next }
            if dovecotFocused {
                dovecotIncluded.toggle()
                return .effects(preview(updating(shared)))
            }
            if let row = focusedRow, !listenFocused {
                rows[row].enabled.toggle()
                return .effects(preview(updating(shared)))
            }
        default: break
        }
        return .nothing
    }

    // MARK: What blocks Next

    func blockingProblem(_ shared: StepContext) -> String? {
        if case .failure(let problem) = services() { return problem.message }
        return nil
    }

    func barState(_ shared: StepContext) -> StepState {
        if case .failure = services() { return .errors }
        guard let preview else { return .pending }
        let own = preview.findings.filter { [.saslNotConfigured, .saslSocketMissing, .masterCfPasteDamage, .encryptOnPort25].contains($0.code) }
        if own.hasErrors { return .errors }
        return own.isEmpty ? .done : .warnings
    }

    // MARK: Help

    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) {
        ("service." + rows[focusedRow ?? 0].name.rawValue, nil)
    }

    func findings(_ shared: StepContext) -> [Finding] { preview?.findings ?? [] }

    // MARK: Drawing

    /// What the service is for, beside its check box.
    private static func description(_ name: Answers.ServiceName) -> String {
        switch name {
        case .smtp: Catalog.text("wizard.services.smtp")
        case .submission: Catalog.text("wizard.services.submission")
        case .submissions: Catalog.text("wizard.services.submissions")
        }
    }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let x = area.x + 2
        // The question and its note wrap rather than being cut; the rows follow them.
        var first = WrappedText(Catalog.text("wizard.services.question")).draw(into: &screen, x: x, y: area.top, width: area.width - 3, maxRows: 2, glyphs: glyphs)
        first = WrappedText(Catalog.text("wizard.services.listenFormat"), style: .dim).draw(into: &screen, x: x, y: first, width: area.width - 3, maxRows: 2, glyphs: glyphs) + 1
        for (index, row) in rows.enumerated() {
            let y = first + index * 2
            let box = row.enabled ? glyphs.checkOn : glyphs.checkOff
            let focused = focus == index * 2
            screen.put("\(box) \(Self.description(row.name))", x: x, y: y, style: focused ? .selected : (row.enabled ? .strong : .plain))
            let fieldX = screen.put(Catalog.text("label.listen"), x: area.x + 8, y: y + 1, style: .dim) + 1
            row.listen.render(into: &screen, x: fieldX, y: y + 1, width: 30, focused: focus == index * 2 + 1)
        }
        var y = first + rows.count * 2
        if let dovecot {
            let box = dovecotIncluded ? glyphs.checkOn : glyphs.checkOff
            let listeners = dovecot.listeners.map { "\($0.name) \($0.port)" }.joinedAsList()
            let text = Catalog.text("wizard.services.dovecot", ["version": "\(dovecot.settings.version)",
                                                                 "listeners": listeners.isEmpty ? Catalog.text("dovecot.plan.no-listeners") : listeners])
            screen.put("\(box) \(text)", x: x, y: y, style: dovecotFocused ? .selected : (dovecotIncluded ? .strong : .plain), limit: area.width - 3)
            y += 1
        }
        y += 1
        if let preview {
            let relevant = preview.findings.filter { [.saslNotConfigured, .masterCfPasteDamage, .encryptOnPort25, .obsoleteSetting].contains($0.code) }
            if relevant.isEmpty {
                screen.put(Catalog.text("wizard.services.accepted", ["done": "\(glyphs.done)"]), x: x, y: y, style: .ok)
            } else {
                let list = FindingList(relevant)
                y = list.draw(into: &screen, x: x, y: y, width: area.width - 3, maxRows: area.bottom - y - 2, glyphs: glyphs)
                if let fix = list.fix {
                    WrappedText(fix, style: .dim).draw(into: &screen, x: x + 2, y: y, width: area.width - 5, maxRows: max(1, area.bottom - y), glyphs: glyphs)
                }
            }
        } else {
            screen.put(Catalog.text("wizard.services.checking"), x: x, y: y, style: .dim)
        }
        Button(Catalog.text("word.next")).draw(into: &screen, x: x, y: area.bottom, focused: nextFocused)
    }
}
