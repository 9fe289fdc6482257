import FoundationEssentials
import Glibc
import PftlsCore

/// What the file browser found a file to be: a type, so the assignment rules and the
/// label drawn beside the file cannot drift apart.
public enum BrowserFileKind: Sendable, Equatable {
    case key, encryptedKey, certificate, chain, csr, pkcs12, keyAndCertificates
    case caCertificate, rootCA
    case notKeyOrCertificate, unknown

    /// The label beside the file.
    public var label: String {
        switch self {
        case .key: Catalog.text("kind.key")
        case .encryptedKey: Catalog.text("kind.encrypted-key")
        case .certificate: Catalog.text("kind.certificate")
        case .chain: Catalog.text("kind.chain")
        case .csr: Catalog.text("kind.csr")
        case .pkcs12: Catalog.text("kind.pkcs12")
        case .keyAndCertificates: Catalog.text("kind.key-and-certificates")
        case .caCertificate: Catalog.text("kind.ca-certificate")
        case .rootCA: Catalog.text("kind.root-ca")
        case .notKeyOrCertificate: Catalog.text("kind.not-key-or-certificate")
        case .unknown: Catalog.text("kind.unknown")
        }
    }

    /// True for a file that holds a private key (encrypted or not) and nothing else.
    var isKey: Bool { self == .key || self == .encryptedKey }
    /// True for a file that can play the server certificate with its chain.
    var isBundle: Bool { self == .keyAndCertificates || self == .pkcs12 || self == .chain }
}

/// A classified file: its kind and, for certificates, when the first one expires.
public struct BrowserFile: Sendable, Equatable {
    public let kind: BrowserFileKind
    public let expires: Date?

    /// Creates a classification.
    public init(kind: BrowserFileKind, expires: Date? = nil) {
        self.kind = kind
        self.expires = expires
    }
}

extension DecodedFile {
    /// How the file browser classifies this file.
    var browserFile: BrowserFile {
        let firstCertificate = items.lazy.compactMap { if case .certificate(let certificate) = $0.object { certificate } else { nil } }.first
        if items.isEmpty && findings.hasErrors && !hasEncryptedKey && !isPKCS12 { return BrowserFile(kind: .notKeyOrCertificate) }
        let kind: BrowserFileKind = switch self.kind {
        case .key: .key
        case .encryptedKey: .encryptedKey
        case .certificate where firstCertificate?.isCA == true: firstCertificate?.isSelfSigned == true ? .rootCA : .caCertificate
        case .certificate: .certificate
        case .chain: .chain
        case .csr: .csr
        case .pkcs12: .pkcs12
        case .keyAndCertificates: .keyAndCertificates
        case .unknown: .unknown
        }
        return BrowserFile(kind: kind, expires: firstCertificate?.notAfter)
    }
}
