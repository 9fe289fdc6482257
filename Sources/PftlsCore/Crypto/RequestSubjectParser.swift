/// Reads `--subject`'s text as RFC 4514 writes a distinguished name: `TYPE=VALUE` pairs
/// separated by commas. In a value, `\` escapes one of `" + , ; < > \ = #` or a space,
/// or gives a byte as two hex digits (`\E6\A0\AA`); those characters that RFC 4514 wants
/// escaped are refused bare. Blanks around a type, a value or a comma are dropped (an
/// escaped space stays). Types are C, ST, L, O and OU in any case, their long names
/// (organizationName) or their OIDs (2.5.4.10).
enum RequestSubjectParser {
    /// The names a type may be given by, for each attribute.
    private static let types: [(names: [String], attribute: RequestSubject.Attribute)] = [
        (["c", "countryname", "2.5.4.6"], .country),
        (["st", "stateorprovincename", "2.5.4.8"], .state),
        (["l", "localityname", "2.5.4.7"], .locality),
        (["o", "organizationname", "2.5.4.10"], .organization),
        (["ou", "organizationalunitname", "2.5.4.11"], .unit),
    ]
    private static let commonName = ["cn", "commonname", "2.5.4.3"]

    private static let backslash = UInt8(ascii: "\\")
    private static let escapable = Set("\"+,;<>\\=# ".utf8)
    /// Characters RFC 4514 wants escaped everywhere in a value.
    private static let mustEscape = Set("\";<>".utf8)

    /// The entries of `text`, in the order given; values are not yet held to the rules.
    static func entries(_ text: String) throws(SubjectProblem) -> [RequestSubject.Entry] {
        let bytes = Array(text.utf8)
        var entries: [RequestSubject.Entry] = []
        var index = 0
        repeat {
            let start = index
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")),
                  !bytes[index..<equals].contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "+") }) else {
                throw syntax(bytes, at: start)
            }
            let type = String(decoding: bytes[index..<equals], as: UTF8.self).trimmingBlanks()
            guard !type.isEmpty else { throw syntax(bytes, at: start) }
            index = equals + 1
            let value = try readValue(bytes, at: &index, pairStart: start)
            let lowered = type.lowercased()
            if commonName.contains(lowered) { throw SubjectProblem(.commonName) }
            guard let attribute = types.first(where: { $0.names.contains(lowered) })?.attribute else {
                throw SubjectProblem(.unknownType(type))
            }
            entries.append(RequestSubject.Entry(attribute: attribute, value: value))
            if index < bytes.count {
                index += 1 // the comma
                guard bytes[index...].contains(where: { $0 != UInt8(ascii: " ") }) else { throw SubjectProblem(.syntax(text)) }
            }
        } while index < bytes.count
        return entries
    }

    /// Reads one value up to an unescaped comma (left at `index`) or the end.
    private static func readValue(_ bytes: [UInt8], at index: inout Int, pairStart: Int) throws(SubjectProblem) -> String {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "#") { throw SubjectProblem(.hexValue(piece(bytes, from: pairStart))) }
        var value: [UInt8] = []
        // The length up to the last escaped byte: spaces after it are part of the value.
        var kept = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ",") {
            let byte = bytes[index]
            if byte == backslash {
                if index + 1 < bytes.count, escapable.contains(bytes[index + 1]) {
                    value.append(bytes[index + 1])
                    index += 2
                } else if index + 2 < bytes.count, let high = hexDigit(bytes[index + 1]), let low = hexDigit(bytes[index + 2]) {
                    value.append(high << 4 | low)
                    index += 3
                } else {
                    throw SubjectProblem(.badEscape(piece(bytes, from: pairStart)))
                }
                kept = value.count
                continue
            }
            if byte == UInt8(ascii: "+") { throw SubjectProblem(.multiValued(piece(bytes, from: pairStart))) }
            if mustEscape.contains(byte) { throw SubjectProblem(.unescaped(Character(UnicodeScalar(byte)), piece(bytes, from: pairStart))) }
            value.append(byte)
            index += 1
        }
        while value.count > kept, value.last == UInt8(ascii: " ") { value.removeLast() }
        guard let text = String(validating: value, as: UTF8.self) else { throw SubjectProblem(.notUTF8(piece(bytes, from: pairStart))) }
        return text
    }

    /// Text that is not a pair at `start`: quotes that pair, or the whole text when it is empty (`C=JP,,O=x`).
    private static func syntax(_ bytes: [UInt8], at start: Int) -> SubjectProblem {
        let pair = piece(bytes, from: start)
        return SubjectProblem(.syntax(pair.isEmpty ? String(decoding: bytes, as: UTF8.self) : pair))
    }

    /// The pair that starts at `start`, up to the next comma, to quote in a message.
    private static func piece(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += bytes[end] == backslash ? 2 : 1 }
        return String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self).trimmingBlanks()
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
