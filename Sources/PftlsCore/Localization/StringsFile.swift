/// Reads a `.strings` table, the key-value format translators' tools know:
/// `"key" = "value";` with `/* */` and `//` comments and the escapes `\"`, `\\`, `\n`, `\t`.
enum StringsFile {
    /// Why a table cannot be read.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The entries of a table's UTF-8 bytes, in file order.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> [(key: String, value: String)] {
        try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The entries of `text`, in file order.
    static func parse(_ text: String) throws(Problem) -> [(key: String, value: String)] {
        var reader = Reader(text: text)
        var entries: [(key: String, value: String)] = []
        reader.skipSpaceAndComments()
        while !reader.atEnd {
            let key = try reader.quoted()
            try reader.expect("=")
            let value = try reader.quoted()
            try reader.expect(";")
            entries.append((key, value))
            reader.skipSpaceAndComments()
        }
        return entries
    }

    /// A cursor over the table's text. Lines are counted only for an error message.
    private struct Reader {
        let text: String
        var rest: Substring.UnicodeScalarView

        init(text: String) {
            self.text = text
            rest = text[...].unicodeScalars
        }

        var atEnd: Bool { rest.isEmpty }

        /// The line the cursor is on, counted when an error needs it.
        private var line: Int {
            1 + text.unicodeScalars[..<rest.startIndex].filter { $0 == "\n" }.count
        }

        /// Steps over blanks, line ends, byte order marks and comments.
        mutating func skipSpaceAndComments() {
            while true {
                rest = rest.drop { [" ", "\t", "\r", "\n", "\u{FEFF}"].contains($0) }
                if rest.starts(with: "//".unicodeScalars) {
                    rest = rest.drop { $0 != "\n" }
                } else if rest.starts(with: "/*".unicodeScalars) {
                    rest = rest.dropFirst(2)
                    while !rest.isEmpty && !rest.starts(with: "*/".unicodeScalars) { rest.removeFirst() }
                    rest = rest.dropFirst(2)
                } else {
                    return
                }
            }
        }

        /// Steps over a quoted string and returns its contents, escapes resolved.
        mutating func quoted() throws(Problem) -> String {
            skipSpaceAndComments()
            guard rest.first == "\"" else { throw Problem(description: "line \(line): expected a quoted string") }
            rest.removeFirst()
            var value = ""
            while let stop = rest.firstIndex(where: { $0 == "\"" || $0 == "\\" }) {
                value.append(contentsOf: Substring(rest[..<stop]))
                rest = rest[stop...]
                if rest.removeFirst() == "\"" { return value }
                guard let escaped = rest.popFirst() else { break }
                value.unicodeScalars.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            }
            throw Problem(description: "line \(line): a string is not closed")
        }

        mutating func expect(_ character: Unicode.Scalar) throws(Problem) {
            skipSpaceAndComments()
            guard rest.first == character else { throw Problem(description: "line \(line): expected \"\(character)\"") }
            rest.removeFirst()
        }
    }
}
