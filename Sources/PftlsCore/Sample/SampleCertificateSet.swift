import FoundationEssentials
import Glibc

/// A private CA, an intermediate and a server certificate made at run time, for
/// `pftls inspect --sample` and the demo sandbox. Nothing here is ever shipped.
public struct SampleCertificateSet {
    /// The host name the leaf is issued for.
    public static let hostname = "mail.example.test"

    public let root: Certificate
    public let intermediate: Certificate
    public let leaf: Certificate
    public let leafKey: PrivateKey

    /// Generates a fresh set, valid from a day before `now` (leaf: 90 days).
    public init(now: Date = Date()) throws {
        let rootKey = try KeyGenerator.generate(.ec(curve: "P-384"))
        root = try CertificateFactory.issue(.authority("pftls Sample Root CA", now: now), subjectKey: rootKey)
        let intermediateKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        intermediate = try CertificateFactory.issue(.authority("pftls Sample Intermediate CA", now: now, days: 1825),
                                                    subjectKey: intermediateKey, issuer: (root, rootKey))
        leafKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        leaf = try CertificateFactory.issue(.server(Self.hostname, now: now, days: 90), subjectKey: leafKey,
                                            issuer: (intermediate, intermediateKey))
    }

    /// The set as an administrator receives it, decoded in memory through the same
    /// decoder as real files: `mailkey.pem`, `mail_signed_cert.pem`, `cacert.pem`.
    public func decodedFiles() -> [DecodedFile] {
        let key = leafKey.unencryptedPEM()!.withUnsafeBytes { Array($0) }
        return [
            FileDecoder(path: "sample:mailkey.pem", passphrases: nil).decode(key),
            FileDecoder(path: "sample:mail_signed_cert.pem", passphrases: nil).decode(Array(leaf.pem.utf8)),
            FileDecoder(path: "sample:cacert.pem", passphrases: nil).decode(Array(intermediate.pem.utf8)),
        ]
    }
}
