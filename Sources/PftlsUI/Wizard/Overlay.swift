/// A box drawn over the current step: help text, a question, or a path prompt.
public enum Overlay {
    /// Long help, scrollable.
    case help(title: String, lines: [String], offset: Int)
    /// "Quit without writing?" — y quits, anything else stays.
    case confirmQuit
    /// A path prompt for Save to directory / Save answers.
    case prompt(title: String, field: TextField, purpose: PromptPurpose)
}

/// What a path prompt is for.
public enum PromptPurpose: Sendable {
    case saveConfigSet
    case saveAnswers
}
