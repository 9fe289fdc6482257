/// How the wizard ended: what was done and how to undo it, why nothing was done, or
/// the CSR made. The last screen shows it; `pftls wizard` prints it after the screen is gone.
public struct WizardOutcome: Sendable, Equatable {
    public let succeeded: Bool
    /// The lines as printed, unwrapped (the screen wraps them to its width).
    public let lines: [String]
    /// Which of `lines` are commands to copy: each is shown on its own unindented line,
    /// broken only after a `/` when it is wider than the screen.
    public let commandLines: Set<Int>

    /// An outcome.
    public init(succeeded: Bool, lines: [String], commandLines: Set<Int> = []) {
        self.succeeded = succeeded
        self.lines = lines
        self.commandLines = commandLines
    }
}
