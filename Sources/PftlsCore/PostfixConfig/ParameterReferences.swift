/// The parameter names a Postfix value refers to: `$name`, `${name}`, `$(name)` and the
/// conditional forms `${name?...}` / `${name:...}` (the name before `?` or `:`).
enum ParameterReferences {
    /// The names referenced in `value`, in order, without repeats; `$$` is a literal dollar.
    static func names(in value: String) -> [String] {
        var names: [String] = []
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "$", index + 1 < scalars.count else { index += 1; continue }
            var start = index + 1
            if scalars[start] == "$" { index = start + 1; continue }
            if scalars[start] == "{" || scalars[start] == "(" { start += 1 }
            var end = start
            while end < scalars.count, isNameCharacter(scalars[end]) { end += 1 }
            if end > start {
                let name = String(String.UnicodeScalarView(scalars[start..<end]))
                if !names.contains(name) { names.append(name) }
            }
            index = max(end, index + 1)
        }
        return names
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
