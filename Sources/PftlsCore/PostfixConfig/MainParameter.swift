/// One active `name = value` setting in main.cf.
public struct MainParameter: Equatable, Sendable {
    /// The parameter name.
    public let name: String
    /// The value as Postfix reads it: continuation lines joined with single spaces,
    /// whitespace around `=` and at the end removed, `$` references not expanded.
    public let value: String
    /// The 1-based number of the physical line that starts the setting.
    public let lineNumber: Int
}
