/// Why a step cannot go on, in one sentence.
public struct StepProblem: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}
