extension StringProtocol {
    /// The text without leading and trailing characters that satisfy `isTrimmed`.
    public func trimming(while isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first...last])
    }

    /// The text without leading and trailing spaces and tabs (newlines stay).
    public func trimmingBlanks() -> String { trimming { $0.isWhitespace && !$0.isNewline } }

    /// The text without leading and trailing whitespace, newlines included.
    public func trimmingWhitespace() -> String { trimming(while: \.isWhitespace) }

    /// The text without leading and trailing newlines.
    public func trimmingNewlines() -> String { trimming(while: \.isNewline) }
}
