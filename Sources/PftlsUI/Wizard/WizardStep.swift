import PftlsCore

/// One screen of the wizard, whole: its keys, its help, what blocks Next, how the
/// step bar shows it, what its actions do and how it is drawn. Each step is one
/// type in one file; `StepID.behaviour` is the list of them.
protocol WizardStep {
    /// The bindings in force on the step; the footer is generated from them.
    static func keyMap(_ model: WizardModel) -> KeyMap
    /// The catalog entry (and value) F1 explains for what has focus.
    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?)
    /// F1's text when the step explains itself rather than a parameter, or nil.
    static func help(_ model: WizardModel) -> (title: String, text: String)?
    /// Why Next is refused, in one sentence, or nil.
    static func blockingProblem(_ model: WizardModel) -> String?
    /// True while the step's own check is on its way: Next then waits for it, not refuses.
    static func isChecking(_ model: WizardModel) -> Bool
    /// How the step bar shows the step once visited (the current step is always "current").
    static func barState(_ model: WizardModel) -> StepState
    /// What an action of the key map does; returns the work to start.
    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect]
    /// The findings the step shows (cut to fit); F1 shows them whole.
    static func findings(_ model: WizardModel) -> [Finding]
    /// Facts the step shows that may be cut to fit; F1 shows them whole.
    static func facts(_ model: WizardModel) -> [String]
    /// Draws the step between `top` and `bottom`.
    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int)
}

extension WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap { KeyMap(KeyMap.common) }
    static func helpTopic(_ model: WizardModel) -> (name: String, value: String?) { ("smtpd_tls_chain_files", nil) }
    static func help(_ model: WizardModel) -> (title: String, text: String)? { nil }
    static func blockingProblem(_ model: WizardModel) -> String? { nil }
    static func isChecking(_ model: WizardModel) -> Bool { false }
    static func barState(_ model: WizardModel) -> StepState { .done }
    static func findings(_ model: WizardModel) -> [Finding] { [] }
    static func facts(_ model: WizardModel) -> [String] { [] }
}

extension StepID {
    /// The type that implements the step.
    var behaviour: WizardStep.Type {
        switch self {
        case .start: StartStep.self
        case .request: RequestStep.self
        case .directory: DirectoryStep.self
        case .files: FilesStep.self
        case .passphrase: PassphraseStep.self
        case .levels: LevelsStep.self
        case .services: ServicesStep.self
        case .review: ReviewStep.self
        case .result: ResultStep.self
        }
    }
}
