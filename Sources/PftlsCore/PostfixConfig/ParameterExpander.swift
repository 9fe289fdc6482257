/// Expands `$name` references in main.cf values the way Postfix's `mac_expand` does,
/// for the forms pftls meets in practice.
///
/// Handled: `$name`, `${name}`, `$(name)`, `$$`, `${name?value}`, `${name:value}`,
/// `${name?{value}}`, `${name:{value}}` and `${name?{value1}:{value2}}`. An undefined
/// parameter expands to the empty string. A reference that would loop (`a = $b`,
/// `b = $a`), or an expression this expander does not understand (relational tests),
/// is left as written.
struct ParameterExpander {
    /// The raw (unexpanded) value of a parameter, or nil when it is undefined.
    let lookup: (String) -> String?

    private static let maximumDepth = 100

    /// `text` with references expanded. `expanding` holds the names whose values are
    /// being expanded already; referring to one of them again is a loop.
    func expand(_ text: String, expanding: Set<String> = []) -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let (expansion, remainder) = expandReference(rest[dollar...], expanding: expanding)
            result += expansion
            rest = remainder
        }
        return result + rest
    }

    /// Expands the reference at the start of `text` (which begins with `$`); returns the
    /// expansion and what follows it.
    private func expandReference(_ text: Substring, expanding: Set<String>) -> (String, Substring) {
        let afterDollar = text.dropFirst()
        guard let next = afterDollar.first else { return ("$", afterDollar) }
        if next == "$" { return ("$", afterDollar.dropFirst()) }
        if next == "{" || next == "(" {
            guard let (inner, remainder) = Self.bracketed(afterDollar) else { return ("$", afterDollar) }
            guard let expansion = expandBracketed(inner, expanding: expanding) else {
                return (String(text[..<remainder.startIndex]), remainder)
            }
            return (expansion, remainder)
        }
        let name = afterDollar.prefix(while: Self.isNameCharacter)
        guard !name.isEmpty else { return ("$", afterDollar) }
        return (value(of: String(name), expanding: expanding) ?? String(text[..<name.endIndex]), afterDollar[name.endIndex...])
    }

    /// Expands the inside of `${...}`; nil when it is not a form this expander handles.
    private func expandBracketed(_ inner: Substring, expanding: Set<String>) -> String? {
        let name = inner.prefix(while: Self.isNameCharacter)
        guard !name.isEmpty else { return nil }
        let operation = inner[name.endIndex...]
        guard let current = value(of: String(name), expanding: expanding) else { return nil }
        guard let operatorCharacter = operation.first else { return current }
        let (whenSet, whenEmpty) = Self.alternatives(operation.dropFirst(), operatorCharacter: operatorCharacter)
        guard operatorCharacter == "?" || operatorCharacter == ":" else { return nil }
        let chosen = current.isEmpty ? whenEmpty : whenSet
        return expand(String(chosen), expanding: expanding)
    }

    /// The expanded value of parameter `name`; nil when expanding it would loop.
    private func value(of name: String, expanding: Set<String>) -> String? {
        guard !expanding.contains(name), expanding.count < Self.maximumDepth else { return nil }
        return expand(lookup(name) ?? "", expanding: expanding.union([name]))
    }

    /// Splits the text after `?` or `:` into the value used when the parameter is
    /// non-empty and the value used when it is empty.
    private static func alternatives(_ text: Substring, operatorCharacter: Character) -> (whenSet: Substring, whenEmpty: Substring) {
        let trimmed = MainConfigLineParser.trimmed(text)
        if operatorCharacter == ":" { return ("", unbraced(trimmed)) }
        guard trimmed.first == "{", let (first, remainder) = bracketed(trimmed) else { return (trimmed, "") }
        let afterFirst = MainConfigLineParser.trimmed(remainder)
        guard afterFirst.first == ":" else { return (MainConfigLineParser.trimmed(first), "") }
        return (MainConfigLineParser.trimmed(first), unbraced(MainConfigLineParser.trimmed(afterFirst.dropFirst())))
    }

    /// `{value}` without its braces and surrounding whitespace; other text unchanged.
    private static func unbraced(_ text: Substring) -> Substring {
        guard text.first == "{", let (inner, remainder) = bracketed(text), remainder.isEmpty else { return text }
        return MainConfigLineParser.trimmed(inner)
    }

    /// Splits `{inner}rest` or `(inner)rest`, honouring nesting; nil when unbalanced.
    private static func bracketed(_ text: Substring) -> (inner: Substring, remainder: Substring)? {
        guard let open = text.first else { return nil }
        let close: Character = open == "(" ? ")" : "}"
        var depth = 0
        for index in text.indices {
            if text[index] == open { depth += 1 }
            if text[index] == close {
                depth -= 1
                if depth == 0 { return (text[text.index(after: text.startIndex)..<index], text[text.index(after: index)...]) }
            }
        }
        return nil
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }
}
