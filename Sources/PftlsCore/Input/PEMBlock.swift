/// One `-----BEGIN X-----` … `-----END X-----` block of a PEM file.
public struct PEMBlock: Equatable, Sendable {
    /// The label, e.g. `CERTIFICATE` or `ENCRYPTED PRIVATE KEY`.
    public let label: String
    /// The block rewritten with `\n` line ends and no surrounding text, ready for OpenSSL.
    public let normalizedText: String
    /// True when RFC 1421 headers mark it encrypted (`Proc-Type: 4,ENCRYPTED`).
    public let hasLegacyEncryption: Bool
}

/// The result of splitting a PEM file into blocks.
public struct PEMDocument: Equatable, Sendable {
    /// The complete blocks, in file order.
    public let blocks: [PEMBlock]
    /// True when any line ended in CR LF.
    public let hadCRLF: Bool
    /// True when a block had a BEGIN line but no matching END line.
    public let hasUnterminatedBlock: Bool

    /// Splits `text` into PEM blocks. Text between blocks is ignored, as OpenSSL does.
    /// Lines are cut at each `\n` byte (a `\r` before it ends a CR LF line) and blocks are
    /// gathered as bytes: a hosting server's thousands of chain files are split without
    /// walking them character by character.
    public init(text: String) {
        var blocks: [PEMBlock] = []
        var open: (label: String, bytes: [UInt8], encrypted: Bool)?
        var unterminated = false
        var crlf = false
        let bytes = Array(text.utf8)
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            let rawLine = bytes[start..<end]
            start = end + 1
            if rawLine.last == 13 { crlf = true }
            let line = Self.trimmingTrailingWhitespace(rawLine)
            if let label = Self.label(of: line, marker: Self.begin) {
                if open != nil { unterminated = true }
                open = (label, line + [10], false)
            } else if let label = Self.label(of: line, marker: Self.end), let block = open {
                if label == block.label {
                    blocks.append(PEMBlock(label: label, normalizedText: String(decoding: block.bytes + line + [10], as: UTF8.self),
                                           hasLegacyEncryption: block.encrypted))
                } else {
                    unterminated = true
                }
                open = nil
            } else if open != nil {
                open!.bytes += line
                open!.bytes.append(10)
                if line.starts(with: Self.procType), line.firstRange(of: Self.encrypted) != nil { open!.encrypted = true }
            }
        }
        self.blocks = blocks
        self.hadCRLF = crlf
        self.hasUnterminatedBlock = unterminated || open != nil
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let procType = Array("Proc-Type:".utf8)
    private static let encrypted = Array("ENCRYPTED".utf8)

    /// The line without trailing white space: ASCII white space byte by byte, a line that
    /// ends in other characters as characters (Unicode white space included).
    private static func trimmingTrailingWhitespace(_ line: ArraySlice<UInt8>) -> [UInt8] {
        if let last = line.last, last >= 0x80 { return Array(Substring(String(decoding: line, as: UTF8.self)).trimmingTrailingWhitespace().utf8) }
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 32 || (9...13).contains(line[end - 1]) { end -= 1 }
        return Array(line[..<end])
    }

    /// The label of a `-----BEGIN X-----` (or END) line.
    private static func label(of line: [UInt8], marker: [UInt8]) -> String? {
        guard line.count > marker.count + dashes.count, line.starts(with: marker), line.suffix(dashes.count).elementsEqual(dashes) else { return nil }
        return String(decoding: line[marker.count..<(line.count - dashes.count)], as: UTF8.self)
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last.isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
