import Foundation
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
        case .key: FileKind.key.rawValue
        case .encryptedKey: FileKind.encryptedKey.rawValue
        case .certificate: FileKind.certificate.rawValue
        case .chain: FileKind.chain.rawValue
        case .csr: FileKind.csr.rawValue
        case .pkcs12: FileKind.pkcs12.rawValue
        case .keyAndCertificates: FileKind.keyAndCertificates.rawValue
        case .caCertificate: Catalog.text("BrowserFile.text")
        case .rootCA: Catalog.text("BrowserFile.text2")
        case .notKeyOrCertificate: Catalog.text("BrowserFile.text3")
        case .unknown: FileKind.unknown.rawValue
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
