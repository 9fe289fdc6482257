/// A position in a config file: a physical line and a UTF-8 offset in its text.
struct TextPosition: Comparable, Sendable {
    /// Index of the physical line.
    let line: Int
    /// UTF-8 offset within the line's text.
    let offset: Int

    static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.offset) < (rhs.line, rhs.offset)
    }
}

/// One whitespace-separated word of a master.cf logical line, with where it stands.
///
/// As in Postfix (>= 3.0), `{ ... }` groups words, braces nesting, so
/// `{ name = value with spaces }` is one token.
struct MasterToken: Equatable, Sendable {
    /// The token as written (braces kept). A token spanning lines is joined with single spaces.
    let text: String
    /// Where it starts.
    let start: TextPosition
    /// Just past its last character.
    let end: TextPosition

    /// Splits the physical lines of a logical line into tokens.
    static func tokenize(_ logical: LogicalLine, in text: ConfigText) -> [MasterToken] {
        tokenize(logical.lineIndices.map { ($0, text.lines[$0].text) })
    }

    /// Splits `(line index, line text)` pieces into tokens.
    static func tokenize(_ pieces: [(line: Int, text: String)]) -> [MasterToken] {
        var tokens: [MasterToken] = []
        var current: [UInt8] = []
        var start: TextPosition?
        var lastEnd = TextPosition(line: 0, offset: 0)
        var depth = 0

        func finish() {
            if let tokenStart = start {
                tokens.append(MasterToken(text: String(decoding: current, as: UTF8.self), start: tokenStart, end: lastEnd))
            }
            current = []
            start = nil
        }

        for piece in pieces {
            if start != nil { current.append(UInt8(ascii: " ")) }
            for (offset, byte) in piece.text.utf8.enumerated() {
                if isSpace(byte) && depth == 0 {
                    finish()
                    continue
                }
                if start == nil { start = TextPosition(line: piece.line, offset: offset) }
                if byte == UInt8(ascii: "{") { depth += 1 }
                if byte == UInt8(ascii: "}") && depth > 0 { depth -= 1 }
                current.append(byte)
                lastEnd = TextPosition(line: piece.line, offset: offset + 1)
            }
            if depth == 0 { finish() }
        }
        finish()
        return tokens
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        ConfigLine.isPostfixSpace(Unicode.Scalar(byte))
    }
}
