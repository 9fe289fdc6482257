/// Names a wizard step. Each step declares its own name in its file
/// (`extension StepID { static let files = StepID("files") }`), so a new step adds no
/// case here; the order of the steps is the step list's (`WizardModel.stepList`).
public struct StepID: Hashable, Sendable, CustomStringConvertible {
    let name: String

    /// The step called `name`.
    init(_ name: String) { self.name = name }

    public var description: String { name }
}

/// How a step stands, as the step bar shows it.
public enum StepState: Sendable, Equatable {
    case pending, current, done, warnings, errors
    /// The step does not apply (the passphrase of a key that is not encrypted).
    case skipped
}
