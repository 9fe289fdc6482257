/// The keys, certificates and requests gathered from all inputs, deduplicated.
struct InspectionInputs {
    private(set) var keys: [(key: PrivateKey, file: String)] = []
    private(set) var certificates: [PlacedCertificate] = []
    private(set) var requestFiles: [String] = []
    private var duplicateKeyFiles: [String] = []

    /// Gathers the inputs; certificates in `keyOnly` files are left out.
    init(_ files: [DecodedFile], keyOnly: Set<String> = []) {
        // Duplicates are found by fingerprint, in one pass.
        var seen = Set<[UInt8]>()
        for (fileIndex, file) in files.enumerated() {
            for item in file.items {
                switch item.object {
                case .certificate(let certificate):
                    if !keyOnly.contains(file.path), seen.insert(certificate.sha256Fingerprint).inserted {
                        certificates.append(PlacedCertificate(certificate: certificate, file: file.path, fileIndex: fileIndex, ordinal: item.ordinal))
                    }
                case .privateKey(let key):
                    if !keys.contains(where: { $0.key.isSameKey(as: key) }) { keys.append((key, file.path)) }
                case .certificateRequest:
                    if !requestFiles.contains(file.path) { requestFiles.append(file.path) }
                case .publicKey:
                    break
                }
            }
        }
        // Prefer a key that matches one of the certificates.
        if let matching = keys.firstIndex(where: { entry in certificates.contains { entry.key.matches($0.certificate) } }), matching > 0 {
            keys.insert(keys.remove(at: matching), at: 0)
        }
    }

    /// Findings about what is missing or too much. Missing parts are not reported
    /// when an input already failed, since that file is the likely cause.
    func findings(suppressingMissing: Bool) -> [Finding] {
        var findings: [Finding] = []
        for file in requestFiles {
            findings.append(Finding(.csrNotCertificate, .error, file: file,
                message: Catalog.text("finding.csrNotCertificate.message", ["file": "\(SafeText.escape(file))"]),
                hint: Catalog.text("finding.csrNotCertificate.hint")))
        }
        if keys.count > 1 {
            findings.append(Finding(.multipleKeys, .error, file: keys[1].file,
                message: Catalog.text("finding.multipleKeys.message", ["files": "\(keys.map { SafeText.escape($0.file) }.joinedAsList())"]),
                hint: Catalog.text("finding.multipleKeys.hint")))
        }
        if keys.isEmpty && !suppressingMissing {
            findings.append(Finding(.noPrivateKey, .error, file: nil,
                message: Catalog.text("finding.noPrivateKey.message"),
                hint: Catalog.text("finding.noPrivateKey.hint")))
        }
        if certificates.isEmpty && (!suppressingMissing || !requestFiles.isEmpty) {
            findings.append(Finding(.noCertificate, .error, file: nil,
                message: Catalog.text("finding.noCertificate.message"),
                hint: Catalog.text("finding.noCertificate.hint")))
        }
        return findings
    }
}

extension PrivateKey {
    /// True when both hold the same key pair.
    func isSameKey(as other: PrivateKey) -> Bool {
        defer { OpenSSLError.drain() }
        return EVP_PKEY_eq(pointer, other.pointer) == 1
    }
}

import COpenSSL
