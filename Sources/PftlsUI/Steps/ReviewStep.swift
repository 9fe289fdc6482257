import PftlsCore

/// Step 6: the plan with its diffs and findings, scrollable, and what to do with it.
enum ReviewStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        KeyMap([KeyBinding([.left], .left, label: "←→", help: Catalog.text("word.action")), KeyBinding([.right], .right, help: Catalog.text("word.action"), inFooter: false),
                KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.scroll")), KeyBinding([.down], .down, help: Catalog.text("word.scroll"), inFooter: false)] + KeyMap.common
               + [KeyBinding([.pageUp], .pageUp, help: Catalog.text("ReviewStep.text"), inFooter: false), KeyBinding([.pageDown], .pageDown, help: Catalog.text("ReviewStep.text2"), inFooter: false)])
    }

    static func blockingProblem(_ model: WizardModel) -> String? { Catalog.text("ReviewStep.text3") }

    static func barState(_ model: WizardModel) -> StepState { model.result?.succeeded == true ? .done : .pending }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] { model.reviewAction(action) }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let review = model.review
        let rows = model.screenLayout.reviewRows
        if let busy = review.busy {
            screen.put(busy, x: 2, y: top + 1, style: .accent)
        } else if review.plan == nil {
            screen.put(Catalog.text("ReviewStep.text4"), x: 2, y: top + 1, style: .dim)
        } else {
            for (row, line) in review.lines.dropFirst(review.offset).prefix(rows).enumerated() {
                let style: Style = line.hasPrefix("+") ? .ok : (line.hasPrefix("-") ? .error : (line.hasPrefix("@@") ? .accent : .plain))
                screen.put(line, x: 1, y: top + row, style: style, limit: model.width - 2)
            }
            if review.lines.count > rows {
                screen.put("\(review.offset + 1)-\(min(review.lines.count, review.offset + rows))/\(review.lines.count)", x: model.width - 12, y: bottom - 1, style: .dim)
            }
        }
        var x = 2
        for choice in ReviewStepState.Choice.allCases {
            let label = "[ \(choice.label) ]"
            x = screen.put(label, x: x, y: bottom, style: choice == review.choice ? Style(bold: true, reverse: true) : .strong) + 2
        }
    }
}

extension WizardModel {
    mutating func reviewAction(_ action: Action) -> [Effect] {
        let rows = screenLayout.reviewRows
        switch action {
        case .up: review.scroll(-1, rows: rows)
        case .down: review.scroll(1, rows: rows)
        case .pageUp: review.scroll(-rows, rows: rows)
        case .pageDown: review.scroll(rows, rows: rows)
        case .right, .focusNext: review.choice = review.choice.moved(by: 1)
        case .left, .focusPrevious: review.choice = review.choice.moved(by: -1)
        case .activate:
            guard let plan = review.plan else {
                message = (Catalog.text("ReviewStep.text5"), .warning)
                return []
            }
            switch review.choice {
            case .write:
                guard !plan.hasErrors else {
                    message = (Catalog.text("ReviewStep.text6"), .error)
                    return []
                }
                review.busy = Catalog.text("ReviewStep.text7")
                return [.apply(plan, demo: context.demo != nil)]
            case .saveToDirectory:
                overlay = .prompt(title: Catalog.text("ReviewStep.text8"), field: TextField((context.demo?.root ?? "/root") + "/pftls-config-set"), purpose: .saveConfigSet)
            case .saveAnswers:
                overlay = .prompt(title: Catalog.text("ReviewStep.text9"), field: TextField((context.demo?.root ?? "/root") + "/pftls-answers.json"), purpose: .saveAnswers)
            case .back:
                return goBack()
            }
        default: break
        }
        return []
    }

    mutating func save(_ purpose: PromptPurpose, to path: String) -> [Effect] {
        switch purpose {
        case .saveAnswers:
            guard let answers = answers() else { return [] }
            return [.saveAnswers(answers, path: path)]
        case .saveConfigSet:
            guard let plan = review.plan, !plan.hasErrors else {
                message = (Catalog.text("ReviewStep.text10"), .error)
                return []
            }
            return [.saveConfigSet(plan, directory: path)]
        }
    }

}
