/// Reads a `.strings` table, the key-value format translators' tools know:
/// `"key" = "value";` with `/* */` and `//` comments and the escapes `\"`, `\\`, `\n`, `\t`.
///
/// Read as UTF-8 bytes: the syntax is ASCII, and every command reads its language's
/// tables at start (reading them through String's views took 2 to 3 ms more per start).
enum StringsFile {
    /// Why a table cannot be read.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The entries of `text`, in file order.
    static func parse(_ text: String) throws(Problem) -> [(key: String, value: String)] {
        try parse(Array(text.utf8))
    }

    /// The entries of a table's UTF-8 bytes, in file order.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> [(key: String, value: String)] {
        var reader = Reader(bytes: bytes)
        var entries: [(key: String, value: String)] = []
        reader.skipSpaceAndComments()
        while !reader.atEnd {
            let key = try reader.quoted()
            try reader.expect(UInt8(ascii: "="))
            let value = try reader.quoted()
            try reader.expect(UInt8(ascii: ";"))
            entries.append((key, value))
            reader.skipSpaceAndComments()
        }
        return entries
    }

    /// A cursor over the table's bytes. Lines are counted only for an error message.
    private struct Reader {
        let bytes: [UInt8]
        var rest: ArraySlice<UInt8>

        init(bytes: [UInt8]) {
            self.bytes = bytes
            rest = bytes[...]
        }

        var atEnd: Bool { rest.isEmpty }

        /// The line the cursor is on, counted when an error needs it.
        private var line: Int {
            1 + bytes[..<rest.startIndex].filter { $0 == UInt8(ascii: "\n") }.count
        }

        private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        private static let lineComment: [UInt8] = Array("//".utf8)
        private static let blockComment: [UInt8] = Array("/*".utf8)

        /// Steps over blanks, line ends, byte order marks and comments.
        mutating func skipSpaceAndComments() {
            while true {
                rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
                // Most calls stand before a quote or `=` or `;`: only `/` and a mark's first byte can begin more to skip.
                guard let first = rest.first, first == UInt8(ascii: "/") || first == Self.byteOrderMark[0] else { return }
                if rest.starts(with: Self.byteOrderMark) {
                    rest = rest.dropFirst(Self.byteOrderMark.count)
                } else if rest.starts(with: Self.lineComment) {
                    rest = rest.drop { $0 != UInt8(ascii: "\n") }
                } else if rest.starts(with: Self.blockComment) {
                    skipBlockComment()
                } else {
                    return
                }
            }
        }

        /// Steps over a `/* */` comment, a star at a time; one that is not closed runs to the end.
        private mutating func skipBlockComment() {
            rest = rest.dropFirst(2)
            while let star = rest.firstIndex(of: UInt8(ascii: "*")) {
                rest = rest[(star + 1)...]
                if rest.first == UInt8(ascii: "/") {
                    rest = rest.dropFirst()
                    return
                }
            }
            rest = rest[rest.endIndex...]
        }

        /// Steps over a quoted string and returns its contents, escapes resolved.
        mutating func quoted() throws(Problem) -> String {
            skipSpaceAndComments()
            guard rest.first == UInt8(ascii: "\"") else { throw Problem(description: "line \(line): expected a quoted string") }
            rest.removeFirst()
            // Most texts hold no escape: they are made straight from the table's bytes.
            if let stop = rest.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }), rest[stop] == UInt8(ascii: "\"") {
                defer { rest = rest[(stop + 1)...] }
                return String(decoding: rest[..<stop], as: UTF8.self)
            }
            var value: [UInt8] = []
            while let stop = rest.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                value += rest[..<stop]
                rest = rest[stop...]
                if rest.removeFirst() == UInt8(ascii: "\"") { return String(decoding: value, as: UTF8.self) }
                guard let escaped = rest.popFirst() else { break }
                value.append(escaped == UInt8(ascii: "n") ? 0x0A : escaped == UInt8(ascii: "t") ? 0x09 : escaped)
            }
            throw Problem(description: "line \(line): a string is not closed")
        }

        mutating func expect(_ character: UInt8) throws(Problem) {
            skipSpaceAndComments()
            guard rest.first == character else {
                throw Problem(description: "line \(line): expected \"\(Character(Unicode.Scalar(character)))\"")
            }
            rest.removeFirst()
        }
    }
}
