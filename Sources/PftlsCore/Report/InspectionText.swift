/// The human-readable report of an inspection: the chain drawn top-down from
/// the leaf, then the findings with their hints.
public struct InspectionText {
    let report: InspectionReport
    /// Deeper chain members are drawn at this indent, so a long chain stays readable.
    private static let deepestIndent = 4

    /// Prepares the report of `report`.
    public init(_ report: InspectionReport) { self.report = report }

    /// The report as lines of text, every certificate field already escaped.
    public func render() -> String {
        var lines: [String] = []
        if let key = report.privateKey {
            let file = report.files.first { $0.items.contains { if case .privateKey(let k) = $0.object { k === key } else { false } } }?.path
            lines.append(Catalog.text("inspect.report.privateKey", ["algorithm": "\(key.algorithm)"]) + (file.map { Catalog.text("report.from-file", ["file": SafeText.escape($0)]) } ?? ""))
        }
        if report.chain.isEmpty {
            lines.append(Catalog.text("inspect.report.noChain"))
        } else {
            lines.append(Catalog.text("report.chain"))
            for (index, entry) in report.chain.enumerated() {
                lines += describe(entry, depth: index)
            }
        }
        lines.append("")
        lines.append(Catalog.text("report.findings", ["counts": FindingsText.counts(report.findings)]))
        lines += FindingsText.lines(report.findings)
        lines.append(report.hasErrors ? Catalog.text("inspect.report.unfit") : Catalog.text("inspect.report.fit"))
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ entry: ChainEntry, depth: Int) -> [String] {
        let certificate = entry.certificate
        let indent = String(repeating: "   ", count: min(depth, Self.deepestIndent))
        let branch = depth == 0 ? "" : "└─ "
        let pad = indent + (depth == 0 ? "   " : "      ")
        var lines = ["\(indent)\(branch)[\(Catalog.text("role.\(entry.role.rawValue)"))] \(certificate.subject)" + Catalog.text("report.from-file", ["file": SafeText.escape(entry.file)])]
        lines.append(pad + Catalog.text("report.issuer", ["issuer": certificate.issuer]))
        lines.append(pad + Catalog.text("report.valid", ["from": CertificateChecks.format(certificate.notBefore), "until": CertificateChecks.format(certificate.notAfter)]))
        lines.append(pad + CertificateLifetime(certificate).inspectLine)
        if !certificate.subjectAlternativeNames.isEmpty {
            lines.append(pad + Catalog.text("report.names", ["names": certificate.subjectAlternativeNames.joinedAsList()]))
        }
        lines.append(Catalog.text("inspect.report.keyLine", ["pad": "\(pad)", "keyAlgorithm": "\(certificate.keyAlgorithm)", "signatureAlgorithm": "\(certificate.signatureAlgorithm)"]))
        // 32 bytes take 95 columns: two rows of 16, the first ending in ":", so no line
        // of the report passes 80 columns (JSON keeps the fingerprint whole).
        let (first, second) = Self.halves(of: certificate.sha256FingerprintText)
        lines.append(pad + Catalog.text("report.sha256", ["sha256": first]))
        if !second.isEmpty { lines.append(pad + String(repeating: " ", count: Self.labelColumns) + second) }
        return lines
    }

    /// Where the values after the report's labels start (`sha256:   `), in columns.
    private static let labelColumns = 10

    /// A colon-separated fingerprint as two rows of at most 16 bytes, the first ending in ":".
    static func halves(of fingerprint: String) -> (String, String) {
        let bytes = fingerprint.split(separator: ":")
        guard bytes.count > 16 else { return (fingerprint, "") }
        return (bytes.prefix(16).joined(separator: ":") + ":", bytes.dropFirst(16).joined(separator: ":"))
    }
}
