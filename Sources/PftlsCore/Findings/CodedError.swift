/// An error told the way a finding is told: a stable code that tests and scripts compare
/// (as swift-certificates' errors carry one), what went wrong naming the file, and what
/// to do. The command line prints `ERROR [code] reason` and the fix; `--json` gives the code
/// under `code`.
public protocol CodedError: Error, CustomStringConvertible {
    /// The code's type: a struct over a private enum, so that codes can be added.
    associatedtype Code: Hashable, Sendable, CustomStringConvertible
    /// The stable code.
    var code: Code { get }
    /// What went wrong, naming the file.
    var reason: String { get }
    /// What to do about it.
    var hint: String { get }
}

extension CodedError {
    /// The code as printed, e.g. `config-not-found`.
    public var codeName: String { code.description }
    /// `[code] reason`.
    public var description: String { "[\(codeName)] \(reason)" }
}
