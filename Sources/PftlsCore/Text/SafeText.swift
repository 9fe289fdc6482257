/// Makes text from certificates and files safe to print on a terminal.
///
/// A certificate subject can hold escape sequences that rewrite the screen, or
/// bidi overrides that make `moc.elgoog` read as `google.com`. Everything pftls
/// shows from a certificate or a file goes through here first.
public enum SafeText {
    /// The text with C0 and C1 controls, DEL and bidi controls written as visible escapes.
    public static func escape(_ text: String) -> String {
        // Most text (paths, host names) is printable ASCII and is returned as it is.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) || !text.unicodeScalars.contains(where: needsEscape) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += escaped(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes bytes: valid UTF-8 is escaped as text; otherwise every byte outside
    /// printable ASCII is shown as `\xNN`.
    public static func escape(bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return escape(text) }
        return bytes.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : hex($0) }.joined()
    }

    /// True for characters that must never reach the terminal raw.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default:
            scalar.value < 0x100 ? hex(UInt8(scalar.value)) : "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
