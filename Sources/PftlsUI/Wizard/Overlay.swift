/// A box drawn over the current step: help text, a question, or a path prompt.
public enum Overlay {
    /// Long help, scrollable.
    case help(title: String, lines: [String], offset: Int)
    /// "Quit without writing?" — y quits, anything else stays.
    case confirmQuit
    /// A path prompt; its answer goes to the step that opened it (`WizardStep.answer`).
    case prompt(title: String, field: TextField, purpose: PromptPurpose)
}

/// What a path prompt is for. The step that opens a prompt names its purposes in its
/// own file (`extension PromptPurpose { static let saveAnswers = … }`).
public struct PromptPurpose: Hashable, Sendable {
    let name: String

    /// The purpose called `name`.
    init(_ name: String) { self.name = name }
}
