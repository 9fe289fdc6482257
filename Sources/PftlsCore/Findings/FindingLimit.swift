/// Keeps a report readable and its size bounded whatever the input: at most
/// `perCode` findings of one code, then one finding that says how many more there were.
/// A hostile bundle of thousands of linked certificates once printed 140 MB.
public enum FindingLimit {
    /// The default number of findings kept per code.
    public static let perCode = 20

    /// `findings` with each code cut to `limit`, in order, and an "and N more" finding
    /// (same code and severity) in place of the rest.
    public static func cap(_ findings: [Finding], perCode limit: Int = perCode) -> [Finding] {
        var counts: [FindingCode: Int] = [:]
        for finding in findings { counts[finding.code, default: 0] += 1 }
        guard counts.values.contains(where: { $0 > limit }) else { return findings }
        var seen: [FindingCode: Int] = [:]
        var result: [Finding] = []
        for finding in findings {
            let index = seen[finding.code, default: 0]
            seen[finding.code] = index + 1
            if index < limit {
                result.append(finding)
            } else if index == limit {
                let more = counts[finding.code]! - limit
                result.append(Finding(finding.code, finding.severity, file: finding.file,
                    message: Catalog.text(more == 1 ? "finding.limit.messageOne" : "finding.limit.message", ["more": "\(more)", "code": "\(finding.code)"]),
                    hint: Catalog.text("finding.limit.hint")))
            }
        }
        return result
    }
}
