/// What a person typed to ask for help, taken apart: `NAME`, `NAME=VALUE`,
/// `-o NAME=VALUE` or `-o { NAME = VALUE }`, as in main.cf and master.cf.
public struct HelpQuery: Equatable, Sendable {
    /// The parameter name, lowercased, without `-o`, braces or value.
    public let name: String
    /// The value after `=`, if one was given.
    public let value: String?

    /// Parses `text`.
    public init(_ text: String) {
        var rest = Substring(text).trimmingWhitespace()
        if rest.hasPrefix("-o") { rest = rest.dropFirst(2).trimmingWhitespace() }
        if rest.hasPrefix("{") && rest.hasSuffix("}") { rest = rest.dropFirst().dropLast().trimmingWhitespace() }
        if let equals = rest.firstIndex(of: "=") {
            let value = rest[rest.index(after: equals)...].trimmingWhitespace()
            self.value = value.isEmpty ? nil : String(value)
            rest = rest[..<equals].trimmingWhitespace()
        } else {
            self.value = nil
        }
        name = rest.lowercased()
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
