/// Reads a `.strings` table, the key-value format translators' tools know:
/// `"key" = "value";` with `/* */` and `//` comments and the escapes `\"`, `\\`, `\n`, `\t`.
///
/// Every command reads its language's tables at start, so this is on the way to every
/// first frame: one tight pass over the bytes finds each key and where its value lies;
/// a value is decoded only when it is asked for (`value(_:in:)`).
enum StringsFile {
    /// Why a table cannot be read.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Where an entry's value lies in the table's bytes, between the quotes.
    struct ValueRange: Sendable {
        let start: Int32
        let end: Int32
        /// True when the value holds a backslash escape and must be unescaped.
        let escaped: Bool
    }

    /// The entries of `text`, in file order, values decoded.
    static func parse(_ text: String) throws(Problem) -> [(key: String, value: String)] {
        let bytes = Array(text.utf8)
        return try index(bytes).map { ($0.key, value($0.value, in: bytes)) }
    }

    /// The keys of a table's UTF-8 bytes, in file order, with where each value lies.
    static func index(_ bytes: [UInt8]) throws(Problem) -> [(key: String, value: ValueRange)] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Problem) in
            var reader = Reader(bytes: buffer)
            var entries: [(key: String, value: ValueRange)] = []
            entries.reserveCapacity(buffer.count / 80)
            try reader.skipSpaceAndComments()
            while !reader.atEnd {
                let key = try reader.quoted()
                try reader.expect(UInt8(ascii: "="))
                let value = try reader.quoted()
                try reader.expect(UInt8(ascii: ";"))
                entries.append((key.decoded(in: buffer), value))
                try reader.skipSpaceAndComments()
            }
            return entries
        }
    }

    /// The text of the value at `range` in `bytes`, escapes resolved.
    static func value(_ range: ValueRange, in bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { range.decoded(in: $0) }
    }

    /// A cursor over the table's bytes. Lines are counted only for an error message.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        private func at(_ offset: Int) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        /// The line the cursor is on, counted when an error needs it.
        var line: Int {
            1 + bytes[0..<min(position, bytes.count)].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }

        mutating func skipSpaceAndComments() throws(Problem) {
            while let byte = at(0) {
                switch byte {
                case UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    position += 1
                case 0xEF where at(1) == 0xBB && at(2) == 0xBF: // a byte order mark
                    position += 3
                case UInt8(ascii: "/") where at(1) == UInt8(ascii: "/"):
                    while let next = at(0), next != UInt8(ascii: "\n") { position += 1 }
                case UInt8(ascii: "/") where at(1) == UInt8(ascii: "*"):
                    position += 2
                    while let next = at(0), !(next == UInt8(ascii: "*") && at(1) == UInt8(ascii: "/")) { position += 1 }
                    position = min(bytes.count, position + 2)
                default:
                    return
                }
            }
        }

        /// Steps over a quoted string and returns where its contents lie.
        mutating func quoted() throws(Problem) -> ValueRange {
            try skipSpaceAndComments()
            guard at(0) == UInt8(ascii: "\"") else { throw Problem(description: "line \(line): expected a quoted string") }
            position += 1
            let start = position
            var escaped = false
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return ValueRange(start: Int32(start), end: Int32(position - 1), escaped: escaped)
                case UInt8(ascii: "\\"):
                    escaped = true
                    position += 2
                default:
                    position += 1
                }
            }
            throw Problem(description: "line \(line): a string is not closed")
        }

        mutating func expect(_ character: UInt8) throws(Problem) {
            try skipSpaceAndComments()
            guard at(0) == character else { throw Problem(description: "line \(line): expected \"\(Character(Unicode.Scalar(character)))\"") }
            position += 1
        }
    }
}

extension StringsFile.ValueRange {
    /// The contents as text: copied straight from the buffer unless escaped.
    func decoded(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(start)..<min(Int(end), bytes.count)])
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                if byte != UInt8(ascii: "\\") { result.append(byte) }
                index += 1
                continue
            }
            switch raw[index + 1] {
            case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
            case let other: result.append(other)
            }
            index += 2
        }
        return String(decoding: result, as: UTF8.self)
    }
}
