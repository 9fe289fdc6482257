/// Something usable found inside an input file.
public enum DecodedObject {
    case certificate(Certificate)
    case privateKey(PrivateKey)
    /// A certificate signing request: what was sent to the CA, not what it returned.
    case certificateRequest
    /// A bare public key: not enough to serve TLS.
    case publicKey
}

/// A decoded object together with where it came from.
public struct DecodedItem {
    public let object: DecodedObject
    /// The file it was read from.
    public let file: String
    /// Its position among all items of all inputs, in the order given.
    public let ordinal: Int
}

/// What a file was found to hold, for labels such as the wizard's file browser.
public enum FileKind: String, Sendable {
    case key = "key"
    case encryptedKey = "encrypted key"
    case certificate = "certificate"
    case chain = "chain"
    case csr = "CSR"
    case pkcs12 = "PKCS#12"
    case keyAndCertificates = "key + certificates"
    case unknown = "unknown"
}

/// Everything decoded from one input file.
public struct DecodedFile {
    /// The path as given.
    public let path: String
    /// The objects found, in file order.
    public internal(set) var items: [DecodedItem] = []
    /// Findings about the file itself (format, encryption, readability).
    public internal(set) var findings: [Finding] = []
    /// True when the file is a PKCS#12 bundle.
    public internal(set) var isPKCS12 = false
    /// True when the file holds an encrypted key, decrypted or not.
    public internal(set) var hasEncryptedKey = false
    /// How many bytes were read from the file.
    public internal(set) var size = 0
    /// How many more certificates may be decoded from the file (see `CertificateBudget`).
    var certificateRoom = CertificateBudget.perFile
    /// Certificates past the budget, counted but not decoded.
    var skippedCertificates = 0

    init(path: String) { self.path = path }

    /// The kind of file, judged from what was found.
    public var kind: FileKind {
        if isPKCS12 { return .pkcs12 }
        let keys = items.filter { if case .privateKey = $0.object { true } else { false } }.count
        let certificates = items.filter { if case .certificate = $0.object { true } else { false } }.count
        let requests = items.filter { if case .certificateRequest = $0.object { true } else { false } }.count
        if (keys > 0 || hasEncryptedKey) && certificates > 0 { return .keyAndCertificates }
        if hasEncryptedKey { return .encryptedKey }
        if keys > 0 { return .key }
        if certificates == 1 { return .certificate }
        if certificates > 1 { return .chain }
        if requests > 0 { return .csr }
        return .unknown
    }
}
