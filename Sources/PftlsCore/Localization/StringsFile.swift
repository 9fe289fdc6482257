/// Reads a `.strings` table, the key-value format translators' tools know:
/// `"key" = "value";` with `/* */` and `//` comments and the escapes `\"`, `\\`, `\n`, `\t`.
enum StringsFile {
    /// Why a table cannot be read.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The entries of `text`, in file order.
    static func parse(_ text: String) throws(Problem) -> [(key: String, value: String)] {
        var entries: [(String, String)] = []
        var scalars = Array(text.unicodeScalars)[...]
        var line = 1
        func skipSpaceAndComments() {
            while let first = scalars.first {
                if first == "\n" { line += 1; scalars.removeFirst() } else if first == " " || first == "\t" || first == "\r" || first == "\u{FEFF}" { scalars.removeFirst() }
                else if scalars.starts(with: "//".unicodeScalars) {
                    while let next = scalars.first, next != "\n" { scalars.removeFirst() }
                } else if scalars.starts(with: "/*".unicodeScalars) {
                    scalars.removeFirst(2)
                    while !scalars.isEmpty && !scalars.starts(with: "*/".unicodeScalars) {
                        if scalars.removeFirst() == "\n" { line += 1 }
                    }
                    if !scalars.isEmpty { scalars.removeFirst(2) }
                } else { return }
            }
        }
        func quoted() throws(Problem) -> String {
            guard scalars.first == "\"" else { throw Problem(description: "line \(line): expected a quoted string") }
            scalars.removeFirst()
            var result = String.UnicodeScalarView()
            while let next = scalars.first {
                scalars.removeFirst()
                switch next {
                case "\"": return String(result)
                case "\\":
                    guard let escaped = scalars.first else { break }
                    scalars.removeFirst()
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(escaped)
                    }
                default:
                    if next == "\n" { line += 1 }
                    result.append(next)
                }
            }
            throw Problem(description: "line \(line): a string is not closed")
        }
        func expect(_ character: Unicode.Scalar) throws(Problem) {
            skipSpaceAndComments()
            guard scalars.first == character else { throw Problem(description: "line \(line): expected \"\(character)\"") }
            scalars.removeFirst()
        }
        skipSpaceAndComments()
        while !scalars.isEmpty {
            let key = try quoted()
            try expect("=")
            skipSpaceAndComments()
            let value = try quoted()
            try expect(";")
            entries.append((key, value))
            skipSpaceAndComments()
        }
        return entries
    }
}
