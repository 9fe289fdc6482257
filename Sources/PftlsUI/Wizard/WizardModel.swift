import PftlsCore

/// The whole wizard as a value: its steps, each holding its own state, the step on
/// screen, and what is shown over it. `update` changes it; `WizardView` draws it.
/// Nothing here knows one step from another: the steps are asked, in the step list's order.
public struct WizardModel {
    public let context: WizardContext
    /// The step on screen.
    public internal(set) var step: StepID
    /// The terminal's size.
    public var width: Int
    public var height: Int
    /// The Postfix in place, once detected, and what Start shows of it.
    public var installation: PostfixInstallation?
    public var summary: PostfixSummary?
    /// Every step, in the step list's order.
    var steps: [any WizardStep]
    /// How the wizard ended, once it has: the last screen shows it, and the command prints it.
    public var result: WizardOutcome?
    public var overlay: Overlay?
    /// The status line: why Next was refused, what was saved, ...
    public var message: (text: String, style: Style)?
    /// Set when the program should end, with this exit status.
    public var exitCode: Int32?
    /// Steps the user has been on (for the step bar).
    public var visited: Set<StepID>
    /// The step on which Next was asked for while its check was on its way: it goes on by
    /// itself once the check arrives, so "still being checked" always ends.
    var nextWhenChecked: StepID?

    /// A wizard at its first step, `width` x `height`.
    public init(context: WizardContext, width: Int = 80, height: Int = 24) {
        self.context = context
        self.width = width
        self.height = height
        steps = Self.stepList(context)
        step = steps[0].id
        visited = [step]
    }

    /// The work to start with: detect Postfix, and what each step needs from the start.
    public var initialEffects: [Effect] {
        let shared = shared
        return [.detectPostfix(configDirectory: context.configDirectory)] + steps.flatMap { $0.initialEffects(shared) }
    }

    /// True while the terminal is big enough to draw the wizard.
    public var fitsScreen: Bool { width >= 80 && height >= 24 }

    /// The exit status when the user quits and abandons the choices made (0 when
    /// there was nothing to lose).
    public static let abandonedExitCode: Int32 = 130

    /// Where the step on screen stands in the step list.
    var currentIndex: Int { steps.firstIndex { $0.id == step } ?? 0 }

    /// The step on screen.
    var current: any WizardStep { steps[currentIndex] }

    /// True on the last screen, which ends the wizard.
    var isFinished: Bool { step == steps.last?.id }

    /// True when quitting now would lose choices made: past the first step, before the last.
    var hasUnsavedWork: Bool { step != steps.first?.id && !isFinished }

    /// What every step is told now: the facts, and each step's part in the step list's order.
    var shared: StepContext {
        var shared = StepContext(wizard: context, installation: installation, summary: summary, area: screenLayout.content,
                                 current: step, visited: visited, outcome: result)
        for step in steps { step.contribute(to: &shared) }
        return shared
    }

    /// The steps of the path being taken, in order.
    var shownSteps: [StepID] {
        let shared = shared
        return steps.filter { $0.isOnPath(shared) }.map(\.id)
    }

    /// The steps the step bar shows: every step of the path, and the passphrase even when
    /// the key is not encrypted (marked skipped then), so the numbers never jump.
    func barSteps(_ shared: StepContext) -> [any WizardStep] { steps.filter { $0.isInBar(shared) } }

    /// How the step bar shows `step`.
    func state(of step: any WizardStep, _ shared: StepContext) -> StepState {
        if step.id == self.step { return .current }
        if step.isSkipped(shared) { return .skipped }
        guard visited.contains(step.id) else { return .pending }
        return step.barState(shared)
    }
}
