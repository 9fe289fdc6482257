import PftlsCore

extension StepID {
    /// Step 4: the security levels and the file layout.
    static let levels = StepID("levels")
}

/// Step 4: the two security levels and the layout as radio lists, in the manner of
/// dialog: ↑↓ move through options and groups, Space (or Enter) chooses.
struct LevelsStep: WizardStep {
    var id: StepID { .levels }
    var title: String { "4 " + Catalog.text("step.levels") }

    /// The radio groups, in focus order, plus the questions asked before Next.
    enum Focus: CaseIterable { case smtpd, smtp, lowering, layout, dedicated, next }

    /// The focused group; it opens on the first radio list.
    var focus: Focus = .smtpd
    /// Where "may", the default of both levels, stands in `levels` (both lists hold it).
    static func may(in levels: [String]) -> Int { levels.firstIndex(of: "may") ?? 0 }
    var smtpd = RadioGroup(count: Answers.smtpdLevels.count, chosen: Self.may(in: Answers.smtpdLevels))
    var smtp = RadioGroup(count: Answers.smtpLevels.count, chosen: Self.may(in: Answers.smtpLevels))
    var layout = RadioGroup(count: Answers.Layout.allCases.count, chosen: Answers.Layout.allCases.firstIndex(of: .chainFile) ?? 0)
    var dedicatedNonMX = false
    /// The client level in force before pftls, when one was read.
    var smtpInForce: String?
    /// The user confirmed lowering the client level in force.
    var confirmLowering = false

    var smtpdLevel: String { Answers.smtpdLevels[smtpd.chosen] }
    var smtpLevel: String { Answers.smtpLevels[smtp.chosen] }
    var chosenLayout: Answers.Layout { Answers.Layout.allCases[layout.chosen] }

    /// True when the chosen client level is weaker than the one in force: asked before Next.
    var lowersClientLevel: Bool { ClientLevelOrder.lowers(from: smtpInForce, to: smtpLevel) }

    /// True when encrypt on port 25 needs the RFC 3207 question answered.
    var asksDedicated: Bool { smtpdLevel == "encrypt" }

    func isOnPath(_ shared: StepContext) -> Bool { shared.path == .setUp }

    func contribute(to shared: inout StepContext) {
        shared.draft.smtpdLevel = smtpdLevel
        shared.draft.smtpLevel = smtpLevel
        shared.draft.layout = chosenLayout
        // The box is asked only with encrypt: ticked, then left for another level, it says nothing.
        shared.draft.dedicatedNonMX = asksDedicated && dedicatedNonMX
    }

    /// The levels in force are the defaults, unless the user has been here.
    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        guard case .postfixDetected(_, let summary) = event, !shared.visited.contains(id) else { return .nothing }
        if let level = summary.smtpdLevelInForce, let index = Answers.smtpdLevels.firstIndex(of: level) { smtpd.select(index) }
        if let level = summary.smtpLevelInForce, let index = Answers.smtpLevels.firstIndex(of: level) {
            smtp.select(index)
            smtpInForce = level
        }
        return .nothing
    }

    // MARK: Keys

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: Catalog.text("word.choose"))]
               + KeyMap.common + KeyMap.movement.dropFirst())
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        switch action {
        case .up: moveCursor(-1)
        case .down: moveCursor(1)
        case .left: moveWithinGroup(-1)
        case .right: moveWithinGroup(1)
        case .toggle: choose()
        case .focusNext: cycleFocus(1)
        case .focusPrevious: cycleFocus(-1)
        case .activate: if !choose() { return .next }
        default: break
        }
        return .nothing
    }

    /// The radio group `focus` is, if it is one.
    private static func group(_ focus: Focus) -> WritableKeyPath<LevelsStep, RadioGroup>? {
        switch focus {
        case .smtpd: \.smtpd
        case .smtp: \.smtp
        case .layout: \.layout
        case .lowering, .dedicated, .next: nil
        }
    }

    /// The groups shown now, in focus order.
    var shownFocuses: [Focus] {
        Focus.allCases.filter { ($0 != .dedicated || asksDedicated) && ($0 != .lowering || lowersClientLevel) }
    }

    /// ↑↓: through the options of a group and on into the next or previous group.
    mutating func moveCursor(_ delta: Int) {
        if let group = Self.group(focus), self[keyPath: group].step(by: delta) { return }
        let shown = shownFocuses
        let index = shown.firstIndex(of: focus) ?? 0
        focus = shown[(index + (delta > 0 ? 1 : shown.count - 1)) % shown.count]
        if let group = Self.group(focus) { self[keyPath: group].enter(by: delta) }
    }

    /// ←→: along the options of the focused group.
    mutating func moveWithinGroup(_ delta: Int) {
        if let group = Self.group(focus) { self[keyPath: group].along(by: delta) }
    }

    /// Space (or Enter on an option not chosen yet): choose the highlighted option or
    /// tick the box. Returns false when there was nothing to choose (Enter then means Next).
    @discardableResult
    mutating func choose() -> Bool {
        switch focus {
        case .smtpd: return smtpd.choose()
        case .smtp: return smtp.choose()
        case .layout: return layout.choose()
        case .dedicated: dedicatedNonMX.toggle(); return true
        case .lowering: confirmLowering.toggle(); return true
        case .next: return false
        }
    }

    /// Tab: the next group, its highlight on the chosen option.
    mutating func cycleFocus(_ delta: Int) {
        let shown = shownFocuses
        let index = shown.firstIndex(of: focus) ?? 0
        focus = shown[(index + delta + shown.count) % shown.count]
        if let group = Self.group(focus) { self[keyPath: group].focusChosen() }
    }

    // MARK: What blocks Next

    /// Why Next is refused on this step, in the wizard's words; nil when it may go on.
    func blockingProblem(_ shared: StepContext) -> String? {
        if asksDedicated && !dedicatedNonMX {
            return Catalog.text("wizard.levels.encryptPort25Refused")
        }
        guard lowersClientLevel && !confirmLowering, let current = smtpInForce else { return nil }
        return Catalog.text("wizard.levels.lowerRefused", ["current": "\(current)", "smtpLevel": "\(smtpLevel)"])
    }

    func barState(_ shared: StepContext) -> StepState {
        blockingProblem(shared) != nil ? .errors : (lowersClientLevel || asksDedicated ? .warnings : .done)
    }

    // MARK: Help

    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) {
        switch focus {
        case .smtpd, .dedicated, .next: ("smtpd_tls_security_level", smtpdLevel)
        case .smtp, .lowering: ("smtp_tls_security_level", smtpLevel)
        case .layout: (chosenLayout == .chainFile ? "layout.chain-file" : "layout.separate-files", nil)
        }
    }

    /// The one-line summary of a level or layout value, for the radio lists.
    private static func valueSummary(_ parameter: String, _ value: String) -> String {
        ParameterHelpCatalog.lookup(parameter)?.values.first { $0.value == value }?.summary ?? ""
    }

    // MARK: Drawing

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let x = area.x + 2
        var y = area.top
        y = drawGroup(Catalog.text("wizard.levels.incoming"), smtpd, options: Answers.smtpdLevels, focused: focus == .smtpd,
                      parameter: "smtpd_tls_security_level", into: &screen, area: area, y: y, columns: 3, glyphs: glyphs)
        y = drawGroup(Catalog.text("wizard.levels.outgoing"), smtp, options: Answers.smtpLevels, focused: focus == .smtp,
                      parameter: "smtp_tls_security_level", into: &screen, area: area, y: y, columns: 4, glyphs: glyphs)
        if lowersClientLevel, let current = smtpInForce {
            screen.put(Catalog.text("wizard.levels.lowersInForce", ["warning": "\(glyphs.warning)", "current": "\(current)"]), x: x, y: y - 1,
                       style: .warning, limit: area.width - 3)
            let box = confirmLowering ? glyphs.checkOn : glyphs.checkOff
            screen.put(Catalog.text("wizard.levels.lowerAnyway", ["box": "\(box)"]), x: x + 2, y: y, style: focus == .lowering ? .selected : .plain)
            y += 2
        }
        y = drawGroup(Catalog.text("wizard.levels.layout"), layout, options: Answers.Layout.allCases.map(\.rawValue), focused: focus == .layout,
                      parameter: "layout", into: &screen, area: area, y: y, columns: 2, glyphs: glyphs)
        if asksDedicated {
            WrappedText(Catalog.text("wizard.levels.encryptPort25", ["warning": "\(glyphs.warning)"]), style: .warning, indent: 2)
                .draw(into: &screen, x: x, y: y, width: area.width - 3, maxRows: 2, glyphs: glyphs)
            let box = dedicatedNonMX ? glyphs.checkOn : glyphs.checkOff
            screen.put(Catalog.text("wizard.levels.submissionOnly", ["box": "\(box)"]), x: x + 2, y: y + 2, style: focus == .dedicated ? .selected : .plain)
        }
        Button(Catalog.text("word.next")).draw(into: &screen, x: x, y: area.bottom, focused: focus == .next)
    }

    /// A titled radio group laid out in `columns`, with the chosen option's summary
    /// beneath; returns the row after it.
    private func drawGroup(_ title: String, _ group: RadioGroup, options: [String], focused: Bool, parameter: String,
                           into screen: inout ScreenBuffer, area: Rect, y: Int, columns: Int, glyphs: Glyphs) -> Int {
        screen.put(title, x: area.x + 2, y: y, style: focused ? .accent : .strong)
        let rows = group.draw(options, into: &screen, x: area.x + 4, y: y + 1, layout: .columns(columns, width: (area.width - 6) / columns),
                              focused: focused, glyphs: glyphs)
        let chosen = options[group.chosen]
        let summary = parameter == "layout" ? (ParameterHelpCatalog.lookup("layout." + chosen)?.summary ?? "")
            : Self.valueSummary(parameter, chosen)
        screen.put(summary, x: area.x + 6, y: y + 1 + rows, style: .dim, limit: area.width - 8)
        return y + rows + 3
    }
}
