import ArgumentParser

/// A bad input on the command line: names the file, the problem and the fix, and exits 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// The error as ArgumentParser's validation failure, which main maps to exit 2.
    var validation: ValidationError { ValidationError(description) }
}
