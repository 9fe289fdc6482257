import PftlsCore

/// Step 6: the plan, its diffs and findings, and what to do with it.
public struct ReviewStepState {
    /// The buttons under the review.
    public enum Choice: Int, CaseIterable {
        case write, saveToDirectory, saveAnswers, back

        /// The choice `delta` buttons along, wrapping at either end.
        func moved(by delta: Int) -> Choice {
            let all = Self.allCases
            let index = all.firstIndex(of: self) ?? 0
            return all[(index + delta % all.count + all.count) % all.count]
        }

        var label: String {
            switch self {
            case .write: Catalog.text("word.write")
            case .saveToDirectory: Catalog.text("ReviewStepState.text")
            case .saveAnswers: Catalog.text("ReviewStepState.text2")
            case .back: Catalog.text("word.back")
            }
        }
    }

    public var plan: ChangePlan?
    public var lines: [String] = []
    public var offset = 0
    public var choice: Choice = .write
    public var busy: String?

    /// Shows `plan` after the `preface` lines (a renewal's comparison), long lines wrapped
    /// to `width` columns (continuations indented).
    mutating func show(_ plan: ChangePlan, preface: [String] = [], width: Int) {
        self.plan = plan
        lines = (preface + PlanText.render(plan, diffs: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            .flatMap { Self.wrap($0, width: width) }
        offset = 0
    }

    /// `line` wrapped (see `WrappedText.lines`).
    static func wrap(_ line: String, width: Int) -> [String] { WrappedText.lines(line, width: width) }

    mutating func scroll(_ delta: Int, rows: Int) {
        offset = max(0, min(offset + delta, max(0, lines.count - rows)))
    }
}

/// The last screen: what was done, or why not; scrollable.
public struct ResultStepState {
    public let succeeded: Bool
    /// The lines as the wizard prints them after the screen is gone.
    public let lines: [String]
    /// The same lines wrapped to the screen.
    public private(set) var wrapped: [String]
    public var offset = 0

    /// A result whose lines are wrapped to `width` columns for the screen.
    init(succeeded: Bool, lines: [String], width: Int) {
        self.succeeded = succeeded
        self.lines = lines
        wrapped = lines.flatMap { ReviewStepState.wrap($0, width: width) }
    }

    mutating func scroll(_ delta: Int, rows: Int) {
        offset = max(0, min(offset + delta, max(0, wrapped.count - rows)))
    }
}
