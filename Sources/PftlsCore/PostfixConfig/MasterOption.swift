/// One `-o name=value` override in a master.cf entry.
public struct MasterOption: Equatable, Sendable {
    /// The main.cf parameter overridden.
    public var name: String
    /// Its value for this service.
    public var value: String

    /// Creates an override.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Reads the word after `-o`: `name=value`, or `{ name = value }` (Postfix >= 3.0).
    /// Nil when there is no `=`.
    init?(token: String) {
        var body = Substring(token)
        if body.hasPrefix("{") && body.hasSuffix("}") && body.count >= 2 {
            body = body.dropFirst().dropLast()
        }
        guard let equals = body.firstIndex(of: "=") else { return nil }
        name = String(MainConfigLineParser.trimmed(body[..<equals]))
        value = String(MainConfigLineParser.trimmed(body[body.index(after: equals)...]))
    }

    /// The word to write after `-o`: `name=value`, or `{ name = value }` when the value
    /// holds whitespace or starts with a brace.
    func renderedToken() throws -> String {
        guard MainConfigLineParser.isValidName(name) else { throw PostfixConfigError.invalidParameterName(name) }
        if value.contains(where: \.isNewline) || value.contains("}") || value.contains("{") && value.contains(where: \.isWhitespace) {
            throw PostfixConfigError.invalidValue(name: name, value: value, reason: Catalog.text("config.value.notInOption"))
        }
        if MainConfigLineParser.trimmed(value[...]).count != value.count {
            throw PostfixConfigError.invalidValue(name: name, value: value, reason: Catalog.text("config.value.surroundingWhitespace"))
        }
        let needsBraces = value.contains(where: \.isWhitespace) || value.hasPrefix("{")
        return needsBraces ? "{ \(name) = \(value) }" : "\(name)=\(value)"
    }
}
