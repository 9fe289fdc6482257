import PftlsCore

extension StepID {
    /// Step 6: the plan and what to do with it.
    static let review = StepID("review")
}

extension PromptPurpose {
    /// Review's "Save to directory": where the config set goes.
    static let saveConfigSet = PromptPurpose("save-config-set")
    /// Review's "Save answers": where the answers file goes.
    static let saveAnswers = PromptPurpose("save-answers")
}

/// Step 6: the plan with its diffs and findings, scrollable, and what to do with it.
/// The text is wrapped to the screen when drawn, so a resize wraps it again.
struct ReviewStep: WizardStep {
    var id: StepID { .review }
    var title: String { "6 " + Catalog.text("step.review") }

    /// The buttons under the review.
    enum Choice: CaseIterable {
        case write, saveToDirectory, saveAnswers, back

        var label: String {
            switch self {
            case .write: Catalog.text("word.write")
            case .saveToDirectory: Catalog.text("wizard.review.saveDirectoryAction")
            case .saveAnswers: Catalog.text("wizard.review.saveAnswersAction")
            case .back: Catalog.text("word.back")
            }
        }
    }

    var plan: ChangePlan?
    /// The plan as text, one entry per line, unwrapped.
    var planLines: [String] = []
    /// On a renewal, the certificate in use and the new one side by side, above the plan.
    var comparison: RenewalComparison?
    /// On a server with several certificates, what each name and key type is served afterwards.
    var served: [String] = []
    var scroll = ScrollView()
    var choice: Choice = .write
    /// What is being done (planning, writing), shown instead of the plan.
    var busy: String?

    /// The review's lines wrapped to `width` columns: the comparison, what is served
    /// afterwards, then the plan.
    func lines(width: Int) -> [String] {
        ((comparison?.lines(width: width) ?? []) + served + planLines).flatMap { WrappedText.lines($0, width: width) }
    }

    /// Rows of text in `area`; the buttons take its last row.
    static func textRows(in area: Rect) -> Int { area.height - 2 }
    /// Columns of text in `area`.
    static func textWidth(in area: Rect) -> Int { area.width - 2 }

    func isOnPath(_ shared: StepContext) -> Bool { shared.path != .request }

    /// The plan of the answers as they stand is asked for each time the step comes on screen.
    mutating func enter(_ shared: StepContext) -> [Effect] {
        guard let answers = shared.answers else { return [] }
        plan = nil
        busy = Catalog.text("wizard.buildingPlan")
        return [.plan(answers, passphrase: shared.passphrase)]
    }

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        switch event {
        case .planned(let plan):
            // A plan for answers that have changed since is stale: dropped, never shown or written.
            guard shared.isCurrent(id), plan.answers == shared.answers else { return .nothing }
            // An SNI entry's renewal is not compared with the default certificate in use.
            if let request = shared.draft.renewal, shared.draft.sniEntry == nil {
                // A renewal is checked against the certificate in use, as `pftls renew` does;
                // names-dropped is a warning here: the review shows it before anything is written.
                let old = shared.summary?.currentLeaf
                show(plan.adding(RenewalPlanner.checks(old: old, new: plan.leaf, file: request.certificate, refusingDroppedNames: false)))
                comparison = RenewalComparison(old: old, new: plan.leaf, keyInUse: shared.summary?.renewal?.privateKey ?? "", newKey: request.key)
            } else {
                show(plan)
                comparison = nil
            }
            served = ServedAfterChange.lines(plan, summary: shared.summary)
            busy = nil
            return .nothing
        case .applied(let outcome):
            busy = nil
            return StepReply(navigation: .finish(finished(outcome, demo: shared.wizard.demo)))
        default:
            return .nothing
        }
    }

    private mutating func show(_ plan: ChangePlan) {
        self.plan = plan
        planLines = PlanText.render(plan, diffs: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        scroll.reset()
    }

    /// What was written, the probes, the backup and the rollback command, and the
    /// warnings that still stand; or why nothing was changed.
    private func finished(_ outcome: Result<ApplyOutcome, ApplyFailure>, demo: DemoSandbox?) -> WizardOutcome {
        var lines: [String] = []
        switch outcome {
        case .success(let done):
            lines.append(done.changed ? Catalog.text("wizard.result.changed") : Catalog.text("wizard.result.unchanged"))
            // The log already names each probed port once, with what it serves.
            lines += done.log.map { "  " + $0 }
            if let backup = done.backupDirectory { lines.append(Catalog.text("result.backup", ["directory": backup])) }
            var commandLines: Set<Int> = []
            if let rollback = done.rollbackCommand {
                lines.append(Catalog.text("wizard.result.rollBackWith"))
                commandLines.insert(lines.count)
                lines.append(rollback)
            }
            if let demo { lines.append(Catalog.text("wizard.result.demoWritten", ["root": "\(demo.root)"])) }
            // The warnings still stand after the write: said again, with what to do.
            let warnings = plan?.findings.filter { $0.severity == .warning } ?? []
            if !warnings.isEmpty {
                lines += ["", Catalog.text("result.warnings-remain", ["count": "\(warnings.count)"])] + FindingsText.lines(warnings)
            }
            return WizardOutcome(succeeded: true, lines: lines, commandLines: commandLines)
        case .failure(let failure):
            lines.append(Catalog.text("wizard.result.nothingChanged", ["reason": failure.description]))
            lines += failure.log.map { "  " + $0 }
            return WizardOutcome(succeeded: false, lines: lines)
        }
    }

    // MARK: Keys

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap([KeyBinding([.left], .left, label: "←→", help: Catalog.text("word.action")), KeyBinding([.right], .right, help: Catalog.text("word.action"), inFooter: false),
                KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.scroll")), KeyBinding([.down], .down, help: Catalog.text("word.scroll"), inFooter: false)] + KeyMap.common
               + [KeyBinding([.pageUp], .pageUp, help: Catalog.text("wizard.key.pageUp"), inFooter: false), KeyBinding([.pageDown], .pageDown, help: Catalog.text("wizard.key.pageDown"), inFooter: false)])
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        let rows = Self.textRows(in: shared.area)
        if let delta = action.rows(page: rows) {
            scroll.scroll(delta, lineCount: lines(width: Self.textWidth(in: shared.area)).count, rows: rows)
            return .nothing
        }
        switch action {
        case .right, .focusNext: choice = choice.cycled(by: 1)
        case .left, .focusPrevious: choice = choice.cycled(by: -1)
        case .activate:
            guard let plan else { return .message(Catalog.text("wizard.review.planPending"), .warning) }
            let folder = shared.wizard.demo?.root ?? "/root"
            switch choice {
            case .write:
                guard !plan.hasErrors else { return .message(Catalog.text("wizard.review.writeRefused"), .error) }
                busy = Catalog.text("wizard.review.writing")
                return .effects([.apply(plan, demo: shared.wizard.demo != nil)])
            case .saveToDirectory:
                return StepReply(overlay: .prompt(title: Catalog.text("wizard.review.saveDirectoryPrompt"), field: TextField(folder + "/pftls-config-set"), purpose: .saveConfigSet))
            case .saveAnswers:
                return StepReply(overlay: .prompt(title: Catalog.text("wizard.review.saveAnswersPrompt"), field: TextField(folder + "/pftls-answers.json"), purpose: .saveAnswers))
            case .back:
                return StepReply(navigation: .back)
            }
        default: break
        }
        return .nothing
    }

    /// Saves where the prompt says: the answers, or the config set (never one with errors).
    mutating func answer(_ purpose: PromptPurpose, with path: String, _ shared: StepContext) -> StepReply {
        switch purpose {
        case .saveAnswers:
            guard let answers = shared.answers else { return .nothing }
            return .effects([.saveAnswers(answers, path: path)])
        case .saveConfigSet:
            guard let plan, !plan.hasErrors else { return .message(Catalog.text("wizard.review.nothingToSave"), .error) }
            return .effects([.saveConfigSet(plan, directory: path)])
        default:
            return .nothing
        }
    }

    // MARK: What blocks Next

    /// Next goes nowhere from here: the buttons say what to do with the plan.
    func blockingProblem(_ shared: StepContext) -> String? { Catalog.text("wizard.chooseAction") }

    func barState(_ shared: StepContext) -> StepState { shared.outcome?.succeeded == true ? .done : .pending }

    // MARK: Drawing

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        if let busy {
            screen.put(busy, x: area.x + 2, y: area.top + 1, style: .accent)
        } else if plan == nil {
            screen.put(Catalog.text("wizard.review.noPlan"), x: area.x + 2, y: area.top + 1, style: .dim)
        } else {
            let width = Self.textWidth(in: area)
            scroll.draw(lines(width: width), into: &screen, x: area.x + 1, y: area.top, width: width, rows: Self.textRows(in: area),
                        counterX: area.right - 12, counterY: area.bottom - 1) { _, line in
                line.hasPrefix("+") ? .ok : (line.hasPrefix("-") ? .error : (line.hasPrefix("@@") ? .accent : .plain))
            }
        }
        Button.drawRow(Choice.allCases.map { Button($0.label) }, focused: Choice.allCases.firstIndex(of: choice), into: &screen, x: area.x + 2, y: area.bottom)
    }
}
