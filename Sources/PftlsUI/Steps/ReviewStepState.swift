import PftlsCore

/// Step 6: the plan, its diffs and findings, and what to do with it.
public struct ReviewStepState {
    /// The buttons under the review.
    public enum Choice: Int, CaseIterable {
        case write, saveToDirectory, saveAnswers, back

        var label: String {
            switch self {
            case .write: "Write"
            case .saveToDirectory: "Save to directory"
            case .saveAnswers: "Save answers"
            case .back: "Back"
            }
        }
    }

    public var plan: ChangePlan?
    public var lines: [String] = []
    public var offset = 0
    public var choice: Choice = .write
    public var busy: String?

    mutating func show(_ plan: ChangePlan) {
        self.plan = plan
        lines = PlanText.render(plan, diffs: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        offset = 0
    }

    mutating func scroll(_ delta: Int, rows: Int) {
        offset = max(0, min(offset + delta, max(0, lines.count - rows)))
    }
}

/// The last screen: what was done, or why not.
public struct ResultStepState {
    public let succeeded: Bool
    public let lines: [String]
}
