/// What a step's handling asks of the wizard: work to start, a line for the status
/// line, a box to open, and where to go.
struct StepReply {
    /// Where the wizard goes once the step has handled a key or an event.
    enum Navigation {
        /// On to the next step of the path, when the step allows it (else the refusal is said).
        case next
        /// Back to the step before on the path.
        case back
        /// To the last screen, with how the wizard ended.
        case finish(WizardOutcome)
    }

    var effects: [Effect] = []
    var message: (text: String, style: Style)?
    var overlay: Overlay?
    var navigation: Navigation?

    /// Nothing more to do: the key or the event was taken.
    static var nothing: StepReply { StepReply() }
    /// On to the next step.
    static var next: StepReply { StepReply(navigation: .next) }
    /// Work to start.
    static func effects(_ effects: [Effect]) -> StepReply { StepReply(effects: effects) }
    /// A line for the status line.
    static func message(_ text: String, _ style: Style) -> StepReply { StepReply(message: (text, style)) }
}
