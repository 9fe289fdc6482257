/// Finds paste damage in master.cf and works out the edits that repair it.
struct PasteDamageScanner {
    /// A damage and the line edits that repair it (empty when it cannot be repaired safely).
    struct Finding {
        let damage: PasteDamage
        let repair: [LineEdit]
    }

    /// Characters that look like `-` on a web page but are not.
    static let typographicDashes: Set<Unicode.Scalar> = [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
        "\u{2043}", "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}",
    ]

    private static var fieldNames: [String] { [Catalog.text("paste.field.serviceName"), Catalog.text("paste.field.type"), Catalog.text("paste.field.private"), Catalog.text("paste.field.unpriv"), Catalog.text("paste.field.chroot"), Catalog.text("paste.field.wakeup"), Catalog.text("paste.field.maxproc"), "command"] }

    /// Every damage in `text`, in line order.
    static func scan(_ text: ConfigText) -> [Finding] {
        text.logicalLines().flatMap { logical -> [Finding] in
            let tokens = MasterToken.tokenize(logical, in: text)
            return unindentedOption(logical, tokens, text) + netForInet(logical, tokens) + typographicDashes(logical, tokens)
        }
        .sorted { $0.damage.lineNumber < $1.damage.lineNumber }
    }

    private static func unindentedOption(_ logical: LogicalLine, _ tokens: [MasterToken], _ text: ConfigText) -> [Finding] {
        guard startsWithOption(tokens) else { return [] }
        let previousKind = logical.head > 0 ? text.kind(ofLine: logical.head - 1) : nil
        let followsEntry = previousKind == .start || previousKind == .continuation
        let damage = PasteDamage(kind: .unindentedOption, lineNumber: logical.head + 1, isRepairable: followsEntry)
        let indent = LineEdit(line: logical.head, range: 0..<0, replacement: MasterLayout.defaultIndentation)
        return [Finding(damage: damage, repair: followsEntry ? [indent] : [])]
    }

    private static func netForInet(_ logical: LogicalLine, _ tokens: [MasterToken]) -> [Finding] {
        guard tokens.count > 1, !startsWithOption(tokens), tokens[1].text == "net" else { return [] }
        let type = tokens[1]
        let edit = LineEdit(line: type.start.line, range: type.start.offset..<type.end.offset, replacement: "inet")
        return [Finding(damage: PasteDamage(kind: .netForInet, lineNumber: type.start.line + 1, isRepairable: true), repair: [edit])]
    }

    /// One finding per line and dash character, naming the fields that hold it.
    private static func typographicDashes(_ logical: LogicalLine, _ tokens: [MasterToken]) -> [Finding] {
        var findings: [Finding] = []
        let damaged = tokens.indices.filter { tokens[$0].text.unicodeScalars.first.map(typographicDashes.contains) == true }
        let groups = Dictionary(grouping: damaged) { LineAndDash(line: tokens[$0].start.line, dash: tokens[$0].text.unicodeScalars.first!) }
        for (group, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            let isService = !startsWithOption(tokens)
            let places = indices.map { isService && $0 < fieldNames.count ? fieldNames[$0] : "word \"\(SafeText.escape(tokens[$0].text))\"" }
            let edits = indices.map { index in
                let token = tokens[index]
                let dashLength = String(group.dash).utf8.count
                return LineEdit(line: token.start.line, range: token.start.offset..<token.start.offset + dashLength, replacement: "-")
            }
            let damage = PasteDamage(kind: .typographicDash(character: group.dash, places: places), lineNumber: group.line + 1, isRepairable: true)
            findings.append(Finding(damage: damage, repair: edits))
        }
        return findings
    }

    private struct LineAndDash: Hashable {
        let line: Int
        let dash: Unicode.Scalar
    }

    /// True when the logical line starts with `-o` (or `–o`): an option that lost its indentation.
    private static func startsWithOption(_ tokens: [MasterToken]) -> Bool {
        tokens.first.map { withoutTypographicDash($0.text) == "-o" } ?? false
    }

    /// `text` with a leading typographic dash replaced by `-`.
    private static func withoutTypographicDash(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, typographicDashes.contains(first) else { return text }
        return "-" + String(text.unicodeScalars.dropFirst())
    }
}
