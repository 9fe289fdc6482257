/// Findings as text lines, most serious first, each followed by its fix.
public enum FindingsText {
    /// The lines for `findings`, indented by `indent`.
    public static func lines(_ findings: [Finding], indent: String = "  ") -> [String] {
        findings.sorted { $0.severity > $1.severity }.flatMap { finding in
            ["\(indent)\(finding.severity.label) [\(finding.code)] \(finding.message)",
             "\(indent)    " + Catalog.text("finding.fix", ["hint": finding.hint])]
        }
    }

    /// "1 error(s), 2 warning(s), 0 info(s)".
    public static func counts(_ findings: [Finding]) -> String {
        Severity.allCases.reversed().map { severity in
            Catalog.text("severity.count.\(severity.rawValue)", ["count": "\(findings.filter { $0.severity == severity }.count)"])
        }.joinedAsList()
    }
}
