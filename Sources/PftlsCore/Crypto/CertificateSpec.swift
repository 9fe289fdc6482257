import FoundationEssentials
import Glibc

/// What a certificate made by `CertificateFactory` should say.
public struct CertificateSpec: Sendable {
    /// The subject common name.
    public var commonName: String
    /// An optional organisation.
    public var organization: String?
    /// DNS names (and IP addresses) for subjectAltName; empty leaves the extension out.
    public var subjectAltNames: [String]
    /// basicConstraints CA:TRUE when true.
    public var isCA: Bool
    /// Start of validity.
    public var notBefore: Date
    /// End of validity.
    public var notAfter: Date
    /// extendedKeyUsage, e.g. `serverAuth`; nil leaves the extension out.
    public var extendedKeyUsage: String?
    /// keyUsage, e.g. `digitalSignature`; nil leaves the extension out.
    public var keyUsage: String?
    /// Signature digest name: `SHA256`, `SHA1`; ignored for Ed25519 issuers.
    public var digest: String

    /// A server certificate for `commonName` valid from a day ago for `days` days.
    public static func server(_ commonName: String, names: [String]? = nil, now: Date = Date(), days: Int = 365) -> CertificateSpec {
        CertificateSpec(commonName: commonName, organization: nil, subjectAltNames: names ?? [commonName], isCA: false,
                        notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(Double(days) * 86_400),
                        extendedKeyUsage: "serverAuth", keyUsage: "critical,digitalSignature,keyEncipherment", digest: "SHA256")
    }

    /// A CA certificate named `commonName`, valid from a day ago for `days` days.
    public static func authority(_ commonName: String, now: Date = Date(), days: Int = 3650) -> CertificateSpec {
        CertificateSpec(commonName: commonName, organization: nil, subjectAltNames: [], isCA: true,
                        notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(Double(days) * 86_400),
                        extendedKeyUsage: nil, keyUsage: "critical,keyCertSign,cRLSign", digest: "SHA256")
    }
}
