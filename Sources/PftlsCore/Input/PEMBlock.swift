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
    public init(text: String) {
        var blocks: [PEMBlock] = []
        var current: (label: String, lines: [String])?
        var unterminated = false
        var crlf = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            // Swift treats "\r\n" as one Character, so a CRLF file splits on it too.
            if rawLine.utf8.last == 13 { crlf = true }
            let line = rawLine.trimmingTrailingWhitespace()
            if let label = Self.label(of: line, marker: "BEGIN") {
                if current != nil { unterminated = true }
                current = (label, [line])
            } else if let label = Self.label(of: line, marker: "END"), let open = current {
                if label == open.label {
                    let lines = open.lines + [line]
                    blocks.append(PEMBlock(
                        label: label,
                        normalizedText: lines.joined(separator: "\n") + "\n",
                        hasLegacyEncryption: lines.contains { $0.hasPrefix("Proc-Type:") && $0.contains("ENCRYPTED") }))
                } else {
                    unterminated = true
                }
                current = nil
            } else if current != nil {
                current!.lines.append(line)
            }
        }
        if text.contains("\r\n") { crlf = true }
        self.blocks = blocks
        self.hadCRLF = crlf
        self.hasUnterminatedBlock = unterminated || current != nil
    }

    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last.isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
