import PftlsCore

extension StepID {
    /// Step 1: the directory for the key and certificate files.
    static let directory = StepID("directory")
}

/// Step 1: the directory for the key and certificate files, checked as it is typed.
struct DirectoryStep: WizardStep {
    var id: StepID { .directory }
    var title: String { "1 " + Catalog.text("step.directory") }

    var field: TextField
    /// Findings for `checkedPath`, as the last check (an effect) reported them.
    private(set) var findings: [Finding] = []
    /// The path the findings are for; the field may have changed since.
    private(set) var checkedPath: String?

    /// The demo's own directory, or the Postfix configuration directory.
    init(context: WizardContext) { field = TextField(context.demo.map { $0.root + "/tls" } ?? context.configDirectory) }

    /// True when the findings are for the path in the field.
    var isChecked: Bool { checkedPath == field.value }

    func isOnPath(_ shared: StepContext) -> Bool { shared.path == .setUp }

    func initialEffects(_ shared: StepContext) -> [Effect] { [.checkDirectory(field.value)] }

    func keyMap(_ shared: StepContext) -> KeyMap {
        // Tab completes the path (the text field takes it before the key map).
        KeyMap(KeyMap.common.map { $0.action == .focusNext ? KeyBinding([.tab], .focusNext, label: "Tab", help: Catalog.text("word.complete")) : $0 }
               .filter { $0.action != .focusPrevious })
    }

    var isTyping: Bool { true }

    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? {
        if key == .tab { return .effects([.completeDirectory(field.value)]) }
        guard TextField.isEditing(key) else { return nil }
        _ = field.edit(key)
        return .effects([.checkDirectory(field.value)])
    }

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        switch event {
        case .postfixDetected(_, let summary):
            // The directory of the files in use, unless the user has been here.
            guard let inUse = summary.renewal?.certificateDirectory, !shared.visited.contains(id), shared.wizard.demo == nil else { return .nothing }
            field.set(inUse)
            return .effects([.checkDirectory(inUse)])
        case .directoryChecked(let path, let findings):
            // A check of a path typed over since is dropped.
            guard path == field.value else { return .nothing }
            self.findings = findings
            checkedPath = path
        case .directoryCompleted(let original, let completion):
            guard original == field.value, let completion, completion != original else { return .nothing }
            field.set(completion)
            return .effects([.checkDirectory(completion)])
        default:
            break
        }
        return .nothing
    }

    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) { ("layout.chain-file", nil) }

    func blockingProblem(_ shared: StepContext) -> String? {
        guard isChecked else { return Catalog.text("wizard.directory.stillChecking") }
        return findings.first { $0.severity == .error }.map { [$0.message + Catalog.text("sentence.end"), $0.hint].joinedAsSentences() }
    }

    func isChecking(_ shared: StepContext) -> Bool { !isChecked }

    func barState(_ shared: StepContext) -> StepState {
        guard isChecked else { return .pending }
        if findings.hasErrors { return .errors }
        return findings.contains { $0.severity == .warning } ? .warnings : .done
    }

    func findings(_ shared: StepContext) -> [Finding] { findings }

    func contribute(to shared: inout StepContext) { shared.draft.certificateDirectory = field.value }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let top = area.top
        screen.put(Catalog.text("wizard.directory.question"), x: area.x + 2, y: top, style: .strong)
        WrappedText(Catalog.text("wizard.directory.explanation"), indent: 0).draw(into: &screen, x: area.x + 2, y: top + 1, width: area.width - 4, maxRows: 2, glyphs: glyphs)
        // The field starts after the label, whatever its width in this language.
        let fieldX = screen.put(Catalog.text("label.directory"), x: area.x + 2, y: top + 4) + 1
        field.render(into: &screen, x: fieldX, y: top + 4, width: area.right - fieldX - 3, focused: true)
        var y = top + 6
        if findings.isEmpty {
            let owner = shared.wizard.trustedOwner == 0 ? "root" : Catalog.text("word.you-demo-sandbox")
            for line in [Catalog.text("wizard.directory.check.exists"), Catalog.text("wizard.directory.check.owner", ["owner": "\(owner)"]),
                         Catalog.text("wizard.directory.check.notWritable"), Catalog.text("wizard.directory.check.parents")] {
                screen.put("\(glyphs.done) \(line)", x: area.x + 4, y: y, style: .ok)
                y += 1
            }
        } else {
            let list = FindingList(findings)
            y = list.draw(into: &screen, x: area.x + 4, y: y, width: area.width - 6, maxRows: 5, glyphs: glyphs)
            if let fix = list.fix {
                WrappedText(fix, style: .dim).draw(into: &screen, x: area.x + 6, y: y, width: area.width - 8, maxRows: max(1, area.bottom - 2 - y), glyphs: glyphs)
            }
        }
        Button(Catalog.text("word.next")).draw(into: &screen, x: area.x + 2, y: area.bottom - 1, focused: true)
    }
}
