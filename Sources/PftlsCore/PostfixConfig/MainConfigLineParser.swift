/// Reads `name = value` out of main.cf logical lines, the way Postfix's `split_nameval` does.
enum MainConfigLineParser {
    /// The characters `postconf -e` and this model accept in a parameter name.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar))
        }
    }

    /// The parameter name on a starting line, or nil when the line is not `name = ...`.
    static func name(inStartLine text: String) -> String? {
        nameAndRemainder(text)?.name
    }

    /// The parameter defined by a logical line, or nil when it is malformed.
    static func parameter(_ logical: LogicalLine, in text: ConfigText) -> MainParameter? {
        let lines = text.lines
        guard let (name, remainder) = nameAndRemainder(lines[logical.head].text) else { return nil }
        let pieces: [Substring] = [remainder] + logical.continuations.map { lines[$0].text[...] }
        let value = pieces.map(trimmed).filter { !$0.isEmpty }.joined(separator: " ")
        return MainParameter(name: name, value: value, lineNumber: logical.head + 1)
    }

    /// The line text up to and including the whitespace after `=`: kept when a value is replaced.
    static func assignmentPrefix(ofStartLine text: String) -> String? {
        guard let (_, remainder) = nameAndRemainder(text) else { return nil }
        let value = remainder.drop(while: isSpace)
        return String(text.dropLast(value.count))
    }

    private static func nameAndRemainder(_ text: String) -> (name: String, remainder: Substring)? {
        let name = text.prefix { !isSpace($0) && $0 != "=" }
        let afterName = text[name.endIndex...].drop(while: isSpace)
        guard !name.isEmpty, afterName.first == "=" else { return nil }
        return (String(name), afterName.dropFirst())
    }

    static func trimmed(_ text: Substring) -> Substring {
        var result = text.drop(while: isSpace)
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return result
    }

    private static func isSpace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(ConfigLine.isPostfixSpace)
    }
}
