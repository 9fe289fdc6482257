import PftlsCore

extension StepID {
    /// The last screen: how the wizard ended.
    static let result = StepID("result")
}

/// The last screen: what was done, the probes, the backup and the rollback command, or
/// why nothing was changed, or the CSR made; scrollable, wrapped to the screen when
/// drawn, and printed again after the wizard ends.
struct ResultStep: WizardStep {
    var id: StepID { .result }
    var title: String { Catalog.text("step.result") }

    var scroll = ScrollView()

    /// Reached only when the wizard ends, never by Next.
    func isOnPath(_ shared: StepContext) -> Bool { false }

    /// The outcome's lines wrapped to `width` columns.
    static func lines(_ outcome: WizardOutcome, width: Int) -> [String] {
        outcome.lines.enumerated().flatMap { index, line in
            outcome.commandLines.contains(index) ? LineBreaker.commandLines(line, width: width) : WrappedText.lines(line, width: width)
        }
    }

    /// Rows of text in `area`; the exit button shares its last row.
    static func textRows(in area: Rect) -> Int { area.height - 1 }
    /// Columns of text in `area`.
    static func textWidth(in area: Rect) -> Int { area.width - 2 }

    func keyMap(_ shared: StepContext) -> KeyMap {
        KeyMap([KeyBinding([.enter, .character("q")], .quit, label: "Enter/q", help: Catalog.text("word.exit")),
                KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.scroll")), KeyBinding([.down], .down, help: Catalog.text("word.scroll"), inFooter: false),
                KeyBinding([.pageUp], .pageUp, label: "PgUp/PgDn", help: Catalog.text("word.page")), KeyBinding([.pageDown], .pageDown, help: Catalog.text("word.page"), inFooter: false)])
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        let rows = Self.textRows(in: shared.area)
        guard let outcome = shared.outcome, let delta = action.rows(page: rows) else { return .nothing }
        scroll.scroll(delta, lineCount: Self.lines(outcome, width: Self.textWidth(in: shared.area)).count, rows: rows)
        return .nothing
    }

    func blockingProblem(_ shared: StepContext) -> String? { Catalog.text("wizard.chooseAction") }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        guard let outcome = shared.outcome else { return }
        let width = Self.textWidth(in: area)
        scroll.draw(Self.lines(outcome, width: width), into: &screen, x: area.x + 1, y: area.top, width: width, rows: Self.textRows(in: area),
                    counterX: area.right - 12, counterY: area.bottom) { number, _ in
            number == 0 ? (outcome.succeeded ? .ok : .error) : .plain
        }
        Button(Catalog.text("wizard.result.exitButton")).draw(into: &screen, x: area.x + 2, y: area.bottom, focused: true)
    }
}
