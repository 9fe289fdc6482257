import PftlsCore

/// One screen of the wizard, whole, as a field is in huh: its state, its keys and text
/// input, what blocks Next and why, how it is drawn into its area, and what it adds to
/// the answers. Each step is one value type in one file.
///
/// Steps never touch each other's state. Every call is given a `StepContext`: the facts
/// (the Postfix in place, the screen area) and what the steps before it decided, each
/// step adding its own part in `contribute(to:)`. Besides its own file, the step list
/// (`WizardModel.stepList`) is the one place a step is named.
protocol WizardStep {
    /// Which step this is.
    var id: StepID { get }
    /// The step bar's label ("2 Files").
    var title: String { get }

    // MARK: The path

    /// True when the step is on the path the user is taking (a renewal skips Directory).
    func isOnPath(_ shared: StepContext) -> Bool
    /// True when the step bar shows the step: the path's steps, and one that may yet join it.
    func isInBar(_ shared: StepContext) -> Bool
    /// The work the step needs from the start, before the user reaches it (reading a folder).
    func initialEffects(_ shared: StepContext) -> [Effect]

    // MARK: Keys

    /// The bindings in force on the step; the footer is generated from them.
    func keyMap(_ shared: StepContext) -> KeyMap
    /// True while a text field has the keyboard: printable keys type into it.
    var isTyping: Bool { get }
    /// A key that the focused text field takes before the key map sees it; nil leaves
    /// the key to the key map.
    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply?
    /// What an action of the key map does (Next, Back, Help and Quit are the wizard's).
    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply

    // MARK: Coming and going

    /// The step comes on screen: the work it needs now.
    mutating func enter(_ shared: StepContext) -> [Effect]
    /// Next is asked for: a check that is not on its way is asked for now.
    mutating func nextAsked(_ shared: StepContext) -> [Effect]
    /// What Next does on the step where the path ends (make the key and the CSR).
    mutating func endOfPath(_ shared: StepContext) -> StepReply
    /// Background work has reported: every step hears every event and takes its own.
    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply
    /// A path prompt the step opened was answered with `value`.
    mutating func answer(_ purpose: PromptPurpose, with value: String, _ shared: StepContext) -> StepReply

    // MARK: What blocks Next

    /// Why Next is refused, in one sentence, or nil.
    func blockingProblem(_ shared: StepContext) -> String?
    /// True while the step's own check is on its way: Next then waits for it, not refuses.
    func isChecking(_ shared: StepContext) -> Bool
    /// How the step bar shows the step once visited (the current step is always "current").
    func barState(_ shared: StepContext) -> StepState
    /// True when the step is known not to apply: the bar marks it skipped.
    func isSkipped(_ shared: StepContext) -> Bool

    // MARK: Help

    /// The catalog entry (and value) F1 explains for what has focus.
    func helpTopic(_ shared: StepContext) -> (name: String, value: String?)
    /// F1's text when the step explains itself rather than a parameter, or nil.
    func help(_ shared: StepContext) -> (title: String, text: String)?
    /// The findings the step shows (cut to fit); F1 shows them whole.
    func findings(_ shared: StepContext) -> [Finding]
    /// Facts the step shows that may be cut to fit; F1 shows them whole.
    func facts(_ shared: StepContext) -> [String]

    // MARK: Drawing and answers

    /// Draws the step into `area` of the screen (the rows between the step bar and the
    /// status lines): the same area `shared.area` gives its key handling.
    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext)
    /// Adds what the step decided to what the steps after it and the answers are told.
    func contribute(to shared: inout StepContext)
}

extension WizardStep {
    func isInBar(_ shared: StepContext) -> Bool { isOnPath(shared) }
    func initialEffects(_ shared: StepContext) -> [Effect] { [] }
    func keyMap(_ shared: StepContext) -> KeyMap { KeyMap(KeyMap.common) }
    var isTyping: Bool { false }
    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? { nil }
    /// Enter on a step with nothing else to press means Next.
    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply { action == .activate ? .next : .nothing }
    mutating func enter(_ shared: StepContext) -> [Effect] { [] }
    mutating func nextAsked(_ shared: StepContext) -> [Effect] { [] }
    mutating func endOfPath(_ shared: StepContext) -> StepReply { .nothing }
    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply { .nothing }
    mutating func answer(_ purpose: PromptPurpose, with value: String, _ shared: StepContext) -> StepReply { .nothing }
    func blockingProblem(_ shared: StepContext) -> String? { nil }
    func isChecking(_ shared: StepContext) -> Bool { false }
    func barState(_ shared: StepContext) -> StepState { .done }
    func isSkipped(_ shared: StepContext) -> Bool { false }
    func helpTopic(_ shared: StepContext) -> (name: String, value: String?) { ("smtpd_tls_chain_files", nil) }
    func help(_ shared: StepContext) -> (title: String, text: String)? { nil }
    func findings(_ shared: StepContext) -> [Finding] { [] }
    func facts(_ shared: StepContext) -> [String] { [] }
    func contribute(to shared: inout StepContext) {}

    /// `shared` with this step's part as it is now: for what a step asks for right after
    /// changing itself (a plan for the services just ticked).
    func updating(_ shared: StepContext) -> StepContext {
        var updated = shared
        contribute(to: &updated)
        return updated
    }
}
