/// How Postfix's logical-line reader sees one physical line of main.cf or master.cf.
enum ConfigLineKind: Equatable, Sendable {
    /// Empty or whitespace only: skipped, and it does not end a logical line.
    case blank
    /// First non-whitespace character is `#`: skipped, and it does not end a logical line.
    case comment
    /// Starts with non-whitespace: begins a new logical line.
    case start
    /// Starts with whitespace: continues the current logical line.
    case continuation
}

/// One physical line of a configuration file, with its terminator kept so the file
/// can be written back byte for byte.
struct ConfigLine: Equatable, Sendable {
    /// The line without its terminator.
    var text: String
    /// `"\n"`, `"\r\n"`, or `""` for a last line without a newline.
    var terminator: String

    /// The line as it appears in the file.
    var rendered: String { text + terminator }

    /// How Postfix reads this line.
    var kind: ConfigLineKind { Self.kind(ofBytes: text.utf8) }

    /// How Postfix reads a line with these bytes (without terminator). Bytes, not scalars:
    /// the characters that matter are ASCII, and a non-ASCII scalar never starts with an
    /// ASCII byte. This runs for every line on every lookup.
    static func kind<Bytes: Collection<UInt8>>(ofBytes bytes: Bytes) -> ConfigLineKind {
        guard let first = bytes.first(where: { !isPostfixSpace(byte: $0) }) else { return .blank }
        if first == UInt8(ascii: "#") { return .comment }
        return isPostfixSpace(byte: bytes.first!) ? .continuation : .start
    }

    /// The leading whitespace of the line.
    var indentation: String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(while: Self.isPostfixSpace)))
    }

    /// True for the characters C's `isspace` accepts, which is what Postfix uses.
    static func isPostfixSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": true
        default: false
        }
    }

    /// `isPostfixSpace` for one UTF-8 byte.
    static func isPostfixSpace(byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Splits text into physical lines. Joining their `rendered` forms gives back `text` exactly.
    static func split(_ text: String) -> [ConfigLine] {
        var lines: [ConfigLine] = []
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            guard let newline = utf8.firstIndex(of: UInt8(ascii: "\n")) else {
                lines.append(ConfigLine(text: String(Substring(utf8)), terminator: ""))
                break
            }
            var content = utf8[..<newline]
            var terminator = "\n"
            if content.last == UInt8(ascii: "\r") {
                content = content.dropLast()
                terminator = "\r\n"
            }
            lines.append(ConfigLine(text: String(Substring(content)), terminator: terminator))
            utf8 = utf8[utf8.index(after: newline)...]
        }
        return lines
    }
}
