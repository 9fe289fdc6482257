/// A change plan as text: the steps, the findings, and (optionally) every diff.
public enum PlanText {
    /// The review text of `plan`.
    public static func render(_ plan: ChangePlan, diffs: Bool) -> String {
        var lines: [String] = []
        lines.append(Catalog.text("plan.text.header", ["layout": "\(plan.layout.rawValue)", "configDirectory": "\(SafeText.escape(plan.configDirectory))"]))
        if plan.hasErrors {
            lines.append(Catalog.text("plan.text.hasErrors"))
        } else if plan.isNoOp {
            lines.append(Catalog.text("plan.text.nothingToChange"))
        } else {
            lines.append(Catalog.text("report.steps"))
            lines += plan.steps.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        }
        if !plan.findings.isEmpty {
            lines.append(Catalog.text("report.findings", ["counts": FindingsText.counts(plan.findings)]))
            lines += FindingsText.lines(plan.findings)
        }
        if diffs {
            for file in plan.changedFiles {
                lines.append("")
                lines.append(file.diff.hasSuffix("\n") ? String(file.diff.dropLast()) : file.diff)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
