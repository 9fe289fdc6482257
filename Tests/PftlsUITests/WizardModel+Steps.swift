@testable import PftlsUI

/// Tests look into a step's state, and set it, by the step's type: the wizard itself
/// never does (steps learn of each other only through `StepContext`).
extension WizardModel {
    subscript<Step: WizardStep>(_ type: Step.Type) -> Step {
        get {
            guard let step = steps.lazy.compactMap({ $0 as? Step }).first else { preconditionFailure("no \(Step.self) in the step list") }
            return step
        }
        set {
            guard let index = steps.firstIndex(where: { $0 is Step }) else { preconditionFailure("no \(Step.self) in the step list") }
            steps[index] = newValue
        }
    }

    var start: StartStep { get { self[StartStep.self] } set { self[StartStep.self] = newValue } }
    var request: RequestStep { get { self[RequestStep.self] } set { self[RequestStep.self] = newValue } }
    var directory: DirectoryStep { get { self[DirectoryStep.self] } set { self[DirectoryStep.self] = newValue } }
    var files: FilesStep { get { self[FilesStep.self] } set { self[FilesStep.self] = newValue } }
    var passphrase: PassphraseStep { get { self[PassphraseStep.self] } set { self[PassphraseStep.self] = newValue } }
    var levels: LevelsStep { get { self[LevelsStep.self] } set { self[LevelsStep.self] = newValue } }
    var services: ServicesStep { get { self[ServicesStep.self] } set { self[ServicesStep.self] = newValue } }
    var review: ReviewStep { get { self[ReviewStep.self] } set { self[ReviewStep.self] = newValue } }
    var resultScreen: ResultStep { get { self[ResultStep.self] } set { self[ResultStep.self] = newValue } }

    /// The review's lines as the screen wraps them now.
    var reviewLines: [String] { review.lines(width: ReviewStep.textWidth(in: screenLayout.content)) }

    /// Asks for the inspection of the files as they are assigned now (after a test changed them).
    mutating func inspectAssignment() -> [Effect] {
        let shared = shared
        return files.inspectAssignment(shared)
    }
}
