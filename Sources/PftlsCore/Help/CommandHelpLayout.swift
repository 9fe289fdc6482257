/// Lays out again, by display width, the `--help` text swift-argument-parser wrote.
///
/// The parser counts characters, not terminal cells, so a Japanese description runs past
/// 80 columns and a Japanese label (`wizard (既定)`) pushes its row out of line. Its
/// layout is regular: a row is two spaces, a label padded to column 26 and a description;
/// the description continues on lines indented 26 spaces (and starts on the next line when
/// the label is too long). This finds those rows, pads each label by cells and breaks the
/// description with the program's `LineBreaker`. A paragraph (the overview, the
/// discussion, the usage) with a line too wide is joined and broken again.
public enum CommandHelpLayout {
    /// Where descriptions start, in columns, as the parser starts them.
    public static let descriptionColumn = 26

    /// `help` laid out to `width` cells.
    public static func layOut(_ help: String, width: Int = 80) -> String {
        var output: [String] = []
        var row: (label: String, description: [String])?
        var paragraph: [String] = []
        func finish() {
            if let row { output += lines(label: row.label, description: row.description.joined(separator: " "), width: width) }
            row = nil
            output += lines(paragraph: paragraph, width: width)
            paragraph = []
        }
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if row != nil, isContinuation(line) {
                row?.description.append(line.trimmingBlanks())
            } else if let started = rowStart(line) {
                finish()
                row = started
            } else if line.trimmingBlanks().isEmpty {
                finish()
                output.append(line)
            } else {
                if row != nil || startsWithLabel(line) { finish() }
                paragraph.append(line)
            }
        }
        finish()
        return output.joined(separator: "\n")
    }

    /// A paragraph the parser wrapped by characters: as it is when every line fits,
    /// otherwise joined again (the parser broke it at spaces) and broken by cells.
    private static func lines(paragraph: [String], width: Int) -> [String] {
        guard paragraph.contains(where: { DisplayWidth.columns(of: $0) > width }) else { return paragraph }
        return LineBreaker.lines(paragraph.map { $0.trimmingBlanks() }.joined(separator: " "), width: width)
    }

    /// A row's first line split into its label and the start of its description (after
    /// the first run of two or more spaces): the label alone when the parser put the
    /// description on the next lines.
    private static func rowStart(_ line: String) -> (label: String, description: [String])? {
        let body = line.dropFirst(2)
        guard line.hasPrefix("  "), let first = body.first, first != " " else { return nil }
        guard let gap = body.firstRange(of: "  ") else { return (String(body), []) }
        let description = body[gap.upperBound...].trimmingPrefix(while: { $0 == " " })
        return (String(body[..<gap.lowerBound]), [String(description)])
    }

    /// A line that opens with its own label (`Error:`, `使い方：`): a paragraph of its own.
    private static func startsWithLabel(_ line: String) -> Bool {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        let label = line[..<colon]
        return !label.isEmpty && DisplayWidth.columns(of: label) <= 12 && !label.contains(" ")
    }

    private static func isContinuation(_ line: String) -> Bool {
        line.hasPrefix(String(repeating: " ", count: descriptionColumn)) && !line.trimmingBlanks().isEmpty
    }

    /// A row: the label padded to the description column by cells, then the description
    /// broken to the room that is left; it starts on the next line when the label is too long.
    private static func lines(label: String, description: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: descriptionColumn)
        let head = "  " + label
        guard !description.isEmpty else { return [head] }
        let broken = LineBreaker.lines(description, width: max(20, width - descriptionColumn))
        let labelFits = DisplayWidth.columns(of: head) <= descriptionColumn - 2
        let first = labelFits ? [DisplayWidth.pad(head, to: descriptionColumn) + broken[0]] : [head, indent + broken[0]]
        return first + broken.dropFirst().map { indent + $0 }
    }
}
