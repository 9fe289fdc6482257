/// Findings as text lines, most serious first, each followed by its fix.
public enum FindingsText {
    /// The lines for `findings`, indented by `indent`.
    public static func lines(_ findings: [Finding], indent: String = "  ") -> [String] {
        findings.sorted { $0.severity > $1.severity }.flatMap { finding in
            ["\(indent)\(finding.severity.label) [\(finding.code)] \(finding.message)",
             "\(indent)    " + Catalog.text("finding.fix", ["hint": finding.hint])]
        }
    }

    /// "1 error, 2 warnings, 0 info".
    public static func counts(_ findings: [Finding]) -> String {
        Severity.allCases.reversed().map { severity in
            let count = findings.filter { $0.severity == severity }.count
            return Catalog.text(count == 1 ? "severity.one.\(severity.rawValue)" : "severity.count.\(severity.rawValue)", ["count": "\(count)"])
        }.joinedAsList()
    }
}
