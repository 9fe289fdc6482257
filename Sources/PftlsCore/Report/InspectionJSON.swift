import FoundationEssentials
import Glibc

/// The `--json` form of an inspection:
/// `{"findings":[{"code","severity","message","hint","file"}], "chain":[...]}`.
public struct InspectionJSON: Encodable {
    /// One certificate of the chain, as scripts see it.
    public struct ChainItem: Encodable {
        public let role: ChainRole
        public let file: String
        public let subject: String
        public let issuer: String
        public let notBefore: String
        public let notAfter: String
        /// notAfter − notBefore in days, to two decimals.
        public let lifetimeDays: Double
        public let subjectAltNames: [String]
        public let key: String
        public let signatureAlgorithm: String
        public let sha256Fingerprint: String
    }

    public let findings: [Finding]
    public let chain: [ChainItem]

    /// Builds the JSON form of `report`.
    public init(_ report: InspectionReport) {
        findings = report.findings
        chain = report.chain.map { entry in
            let certificate = entry.certificate
            return ChainItem(
                role: entry.role, file: SafeText.escape(entry.file), subject: certificate.subject, issuer: certificate.issuer,
                notBefore: CertificateChecks.format(certificate.notBefore), notAfter: CertificateChecks.format(certificate.notAfter),
                lifetimeDays: CertificateLifetime(certificate).days,
                subjectAltNames: certificate.subjectAlternativeNames, key: certificate.keyAlgorithm.englishDescription,
                signatureAlgorithm: certificate.signatureAlgorithm, sha256Fingerprint: certificate.sha256FingerprintText)
        }
    }

    /// Pretty-printed, stable-keyed JSON text.
    public func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
