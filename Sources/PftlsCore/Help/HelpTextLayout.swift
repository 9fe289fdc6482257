/// Lays help texts out for a plain terminal: word-wrapped paragraphs, the
/// aligned list `pftls explain` prints, and the full text of one entry.
public enum HelpTextLayout {
    /// `text` wrapped at `width` columns, each line prefixed by `indent` spaces.
    ///
    /// Paragraphs are separated by blank lines and reflowed. A paragraph that
    /// starts with "- " gets a hanging indent; lines that start with four spaces
    /// (examples) are kept as they are.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        for (number, paragraph) in paragraphs(text).enumerated() {
            if number > 0 { lines.append("") }
            if paragraph.allSatisfy({ $0.hasPrefix("    ") }) {
                lines += paragraph.map { margin + $0 }
                continue
            }
            let words = paragraph.joined(separator: " ").split(separator: " ").map(String.init)
            let hanging = words.first == "-" ? "  " : ""
            lines += fill(words, width: width - indent - hanging.count).enumerated().map { margin + ($0.offset == 0 ? "" : hanging) + $0.element }
        }
        return lines
    }

    /// Each section's title, then one aligned line (or more) per entry: the
    /// name, then the summary, wrapped under itself so nothing passes `width` columns.
    public static func list(_ sections: [HelpSection], width: Int = 80) -> String {
        let column = (sections.flatMap(\.entries).map(\.name.count).max() ?? 0) + 4
        return sections.map { section in
            Catalog.text("help.section.heading", ["title": section.title]) + "\n" + section.entries.map { entry in
                let summary = wrap(entry.summary, width: width - column)
                let first = "  " + pad(entry.name, to: column - 2) + (summary.first ?? "")
                let rest = summary.dropFirst().map { String(repeating: " ", count: column) + $0 }
                return ([first] + rest).joined(separator: "\n") + "\n"
            }.joined()
        }.joined(separator: "\n")
    }

    /// Everything about `help`: name, summary, default, version, the
    /// explanation wrapped at `width`, the values and the reference. With
    /// `value`, also the long help for that value.
    public static func detail(_ help: ParameterHelp, value: String? = nil, width: Int = 78) -> String {
        var lines = [help.name + (help.isObsolete ? Catalog.text("help.label.obsolete") : ""), ""] + wrap(help.summary, width: width, indent: 2)
        var facts: [String] = []
        if let defaultValue = help.defaultValue {
            facts += wrap(Catalog.text("help.label.default", ["default": defaultValue.isEmpty ? Catalog.text("help.label.empty") : defaultValue]), width: width)
        }
        if let since = help.sinceVersion { facts.append(Catalog.text("help.label.since", ["version": since])) }
        if !facts.isEmpty { lines += [""] + facts }
        lines += [""] + wrap(help.explanation, width: width)
        if !help.values.isEmpty {
            let column = (help.values.map(\.value.count).max() ?? 0) + 4
            lines += ["", Catalog.text("help.label.values")] + help.values.map { "  " + pad($0.value, to: column - 2) + $0.summary }
        }
        if let value, let chosen = help.value(value) {
            lines += ["", Catalog.text("help.value.heading", ["name": help.name, "choice": chosen.value])] + wrap(chosen.explanation, width: width, indent: 2)
        }
        lines += ["", Catalog.text("help.label.see", ["reference": help.reference])]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` followed by spaces up to `width` columns.
    private static func pad(_ text: String, to width: Int) -> String { DisplayWidth.pad(text, to: width) }

    /// The paragraphs of `text`, each as its lines.
    private static func paragraphs(_ text: String) -> [[String]] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .split(whereSeparator: { $0.allSatisfy { $0 == " " } })
            .map { $0.map(String.init) }
    }

    /// The words refilled into lines of `width` cells by the program's one line breaker.
    private static func fill(_ words: [String], width: Int) -> [String] {
        words.isEmpty ? [] : LineBreaker.lines(words.joined(separator: " "), width: width)
    }
}
