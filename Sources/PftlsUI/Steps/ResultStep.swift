import PftlsCore

/// The last screen: what was done, the probes, the backup and the rollback command,
/// or why nothing was changed; scrollable, and printed again after the wizard ends.
enum ResultStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        KeyMap([KeyBinding([.enter, .character("q")], .quit, label: "Enter/q", help: Catalog.text("word.exit")),
                KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.scroll")), KeyBinding([.down], .down, help: Catalog.text("word.scroll"), inFooter: false),
                KeyBinding([.pageUp], .pageUp, label: "PgUp/PgDn", help: Catalog.text("word.page")), KeyBinding([.pageDown], .pageDown, help: Catalog.text("word.page"), inFooter: false)])
    }

    static func blockingProblem(_ model: WizardModel) -> String? { Catalog.text("ResultStep.text") }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        let rows = model.screenLayout.resultRows
        let delta = [Action.up: -1, .down: 1, .pageUp: -rows, .pageDown: rows][action] ?? 0
        model.result?.scroll(delta, rows: rows)
        return []
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        guard let result = model.result else { return }
        let rows = model.screenLayout.resultRows
        for (row, line) in result.wrapped.dropFirst(result.offset).prefix(rows).enumerated() {
            let first = result.offset + row == 0
            screen.put(line, x: 1, y: top + row, style: first ? (result.succeeded ? .ok : .error) : .plain, limit: model.width - 2)
        }
        if result.wrapped.count > rows {
            screen.put("\(result.offset + 1)-\(min(result.wrapped.count, result.offset + rows))/\(result.wrapped.count)", x: model.width - 12, y: bottom, style: .dim)
        }
        WizardView.drawNext(true, into: &screen, y: bottom, label: Catalog.text("ResultStep.text2"))
    }
}

extension WizardModel {
    mutating func finish(_ outcome: Result<ApplyOutcome, ApplyFailure>) {
        review.busy = nil
        var lines: [String] = []
        switch outcome {
        case .success(let done):
            lines.append(done.changed ? Catalog.text("ResultStep.text3") : Catalog.text("ResultStep.text4"))
            // The log already names each probed port once, with what it serves.
            lines += done.log.map { "  " + $0 }
            if let backup = done.backupDirectory { lines.append(Catalog.text("result.backup", ["directory": backup])) }
            if let rollback = done.rollbackCommand { lines.append(Catalog.text("ResultStep.text5", ["rollback": "\(rollback)"])) }
            if let demo = context.demo { lines.append(Catalog.text("ResultStep.text6", ["root": "\(demo.root)"])) }
            // The warnings still stand after the write: said again, with what to do.
            let warnings = review.plan?.findings.filter { $0.severity == .warning } ?? []
            if !warnings.isEmpty {
                lines += ["", Catalog.text("result.warnings-remain", ["count": "\(warnings.count)"])] + FindingsText.lines(warnings)
            }
            result = ResultStepState(succeeded: true, lines: lines, width: screenLayout.textWidth)
        case .failure(let failure):
            lines.append(Catalog.text("ResultStep.text7") + failure.description)
            lines += failure.log.map { "  " + $0 }
            result = ResultStepState(succeeded: false, lines: lines, width: screenLayout.textWidth)
        }
        step = .result
        visited.insert(.result)
    }
}
