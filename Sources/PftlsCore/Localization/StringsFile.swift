/// Reads a `.strings` table, the key-value format translators' tools know:
/// `"key" = "value";` with `/* */` and `//` comments and the escapes `\"`, `\\`, `\n`, `\t`.
enum StringsFile {
    /// Why a table cannot be read.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The entries of `text`, in file order. Read on UTF-8 bytes: every command reads its
    /// language's tables at start, so this is on the path of every first frame.
    static func parse(_ text: String) throws(Problem) -> [(key: String, value: String)] {
        var reader = Reader(bytes: Array(text.utf8))
        var entries: [(String, String)] = []
        reader.skipSpaceAndComments()
        while !reader.atEnd {
            let key = try reader.quoted()
            try reader.expect(UInt8(ascii: "="))
            reader.skipSpaceAndComments()
            let value = try reader.quoted()
            try reader.expect(UInt8(ascii: ";"))
            entries.append((key, value))
            reader.skipSpaceAndComments()
        }
        return entries
    }

    /// A cursor over the table's bytes that counts lines for error messages.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        var atEnd: Bool { position >= bytes.count }

        private func at(_ offset: Int) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        mutating func skipSpaceAndComments() {
            while let byte = at(0) {
                switch byte {
                case UInt8(ascii: "\n"):
                    line += 1
                    position += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    position += 1
                case 0xEF where at(1) == 0xBB && at(2) == 0xBF: // a byte order mark
                    position += 3
                case UInt8(ascii: "/") where at(1) == UInt8(ascii: "/"):
                    while let next = at(0), next != UInt8(ascii: "\n") { position += 1 }
                case UInt8(ascii: "/") where at(1) == UInt8(ascii: "*"):
                    position += 2
                    while let next = at(0), !(next == UInt8(ascii: "*") && at(1) == UInt8(ascii: "/")) {
                        if next == UInt8(ascii: "\n") { line += 1 }
                        position += 1
                    }
                    position = min(bytes.count, position + 2)
                default:
                    return
                }
            }
        }

        mutating func quoted() throws(Problem) -> String {
            guard at(0) == UInt8(ascii: "\"") else { throw Problem(description: "line \(line): expected a quoted string") }
            position += 1
            var result: [UInt8] = []
            var runStart = position
            while let byte = at(0) {
                switch byte {
                case UInt8(ascii: "\""):
                    result += bytes[runStart..<position]
                    position += 1
                    return String(decoding: result, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    result += bytes[runStart..<position]
                    guard let escaped = at(1) else { position += 1; runStart = position; continue }
                    switch escaped {
                    case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
                    default: result.append(escaped)
                    }
                    position += 2
                    runStart = position
                default:
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    position += 1
                }
            }
            throw Problem(description: "line \(line): a string is not closed")
        }

        mutating func expect(_ character: UInt8) throws(Problem) {
            skipSpaceAndComments()
            guard at(0) == character else { throw Problem(description: "line \(line): expected \"\(Character(Unicode.Scalar(character)))\"") }
            position += 1
        }
    }
}
