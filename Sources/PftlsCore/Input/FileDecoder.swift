import COpenSSL
import CCryptoShim

/// Turns the bytes of one input file into certificates, keys and findings.
///
/// Accepts PEM (any number of blocks, text between them, CRLF, a BOM, no final
/// newline), DER certificates and keys, PKCS#12 and PKCS#7. All decoding and
/// decryption is OpenSSL's; this type only decides what to ask it.
struct FileDecoder {
    let path: String
    let passphrases: PassphraseSource?
    /// How many certificates may be decoded; the rest are counted and reported.
    var certificateRoom = CertificateBudget.perFile

    private var display: String { SafeText.escape(path) }

    /// Decodes `bytes`, never failing: problems become findings.
    func decode(_ bytes: [UInt8]) -> DecodedFile {
        _ = OpenSSLRuntime.ready
        var file = DecodedFile(path: path)
        file.certificateRoom = certificateRoom
        switch FileFormat.sniff(bytes) {
        case .empty:
            file.findings.append(notPemOrDer(Catalog.text("decode.empty")))
        case .unknown:
            file.findings.append(notPemOrDer(Catalog.text("decode.notPemOrDer")))
        case .pem:
            decodePEM(bytes, into: &file)
        case .der:
            decodeDER(bytes, into: &file)
        }
        if file.skippedCertificates > 0 {
            file.findings.append(CertificateBudget.finding(path: path, read: file.certificateCount, skipped: file.skippedCertificates))
        }
        OpenSSLError.drain()
        return file
    }

    // MARK: PEM

    private func decodePEM(_ bytes: [UInt8], into file: inout DecodedFile) {
        let body = bytes.starts(with: FileFormat.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
        let document = PEMDocument(text: String(decoding: body, as: UTF8.self))
        if document.hadCRLF {
            file.findings.append(Finding(.crlfNormalized, .info, file: path,
                message: Catalog.text("finding.crlfNormalized.message", ["display": "\(display)"]),
                hint: Catalog.text("finding.crlfNormalized.hint")))
        }
        if document.hasUnterminatedBlock {
            file.findings.append(notPemOrDer(Catalog.text("decode.truncatedPem")))
        }
        for block in document.blocks { decodePEMBlock(block, into: &file) }
        if document.blocks.isEmpty && !document.hasUnterminatedBlock {
            file.findings.append(notPemOrDer(Catalog.text("decode.noPemBlock")))
        }
    }

    private func decodePEMBlock(_ block: PEMBlock, into file: inout DecodedFile) {
        let bytes = Array(block.normalizedText.utf8)
        switch block.label {
        case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
            guard file.takeCertificateRoom() else { return }
            let certificate = block.label == "TRUSTED CERTIFICATE"
                ? MemoryBIO.reading(bytes) { PEM_read_bio_X509_AUX($0, nil, nil, nil) }.map(Certificate.init(taking:))
                : CertificateCache.shared.certificate(block.normalizedText) { MemoryBIO.reading(bytes) { PEM_read_bio_X509($0, nil, nil, nil) } }
            if let certificate { file.append(.certificate(certificate)) }
            else { file.findings.append(notPemOrDer(Catalog.text("decode.damagedBlock", ["label": "\(block.label)", "reason": "\(reason())"]))) }
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
            if block.label == "ENCRYPTED PRIVATE KEY", let refusal = pkcs8Refusal(MemoryBIO.reading(bytes) { PEM_read_bio_PKCS8($0, nil, nil, nil) }) {
                file.hasEncryptedKey = true
                file.findings.append(refusal)
                return
            }
            let encrypted = block.label == "ENCRYPTED PRIVATE KEY" || block.hasLegacyEncryption
            if !encrypted, let key = Self.unencryptedKey(bytes) {
                file.append(.privateKey(PrivateKey(taking: key)))
                return
            }
            decodeKey(encrypted: encrypted, into: &file) { bio, callback, context in
                PEM_read_bio_PrivateKey(bio, nil, callback, context)
            } input: { bytes }
        case "OPENSSH PRIVATE KEY":
            file.findings.append(Finding(.unsupportedKey, .error, file: path,
                message: Catalog.text("finding.unsupportedKey.openSSH", ["display": "\(display)"]),
                hint: Catalog.text("finding.unsupportedKey.openSSHHint")))
        case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
            file.append(.certificateRequest)
        case "PKCS7":
            let p7 = MemoryBIO.reading(bytes) { PEM_read_bio_PKCS7($0, nil, nil, nil) }
            appendPKCS7(p7, into: &file)
        case "PUBLIC KEY", "RSA PUBLIC KEY":
            file.append(.publicKey)
        default:
            break // CRLs, parameters and other blocks have no part in serving TLS.
        }
    }

    /// The key of an unencrypted PEM block through one reused decoder (`pftls_unencrypted_private_key`);
    /// nil when that cannot read it, and `decodeKey` then says why.
    private static func unencryptedKey(_ block: [UInt8]) -> OpaquePointer? {
        let key = block.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pftls_unencrypted_private_key($0.baseAddress, $0.count) }
        }
        if key == nil { OpenSSLError.drain() }
        return key
    }

    // MARK: DER

    private func decodeDER(_ bytes: [UInt8], into file: inout DecodedFile) {
        if let certificate = Self.decodeWhole(bytes, d2i_X509, release: X509_free) {
            file.append(.certificate(Certificate(taking: certificate)))
            file.findings.append(derConverted(Catalog.text("decode.kind.derCertificate")))
        } else if let p12 = Self.decodeWhole(bytes, d2i_PKCS12, release: PKCS12_free) {
            defer { PKCS12_free(p12) }
            PKCS12Decoder(path: path, passphrases: passphrases).decode(p12, into: &file)
        } else if let p7 = Self.decodeWhole(bytes, d2i_PKCS7, release: PKCS7_free) {
            appendPKCS7(p7, into: &file)
            file.findings.append(derConverted(Catalog.text("decode.kind.derPkcs7")))
        } else if let request = Self.decodeWhole(bytes, d2i_X509_REQ, release: X509_REQ_free) {
            X509_REQ_free(request)
            file.append(.certificateRequest)
        } else if let key = Self.decodeWhole(bytes, d2i_AutoPrivateKey, release: EVP_PKEY_free) {
            file.append(.privateKey(PrivateKey(taking: key)))
            file.findings.append(derConverted(Catalog.text("decode.kind.derPrivateKey")))
        } else if let sealed = Self.decodeWhole(bytes, d2i_X509_SIG, release: X509_SIG_free) {
            if let refusal = pkcs8Refusal(sealed) {
                file.hasEncryptedKey = true
                file.findings.append(refusal)
                return
            }
            decodeKey(encrypted: true, into: &file) { bio, callback, context in
                d2i_PKCS8PrivateKey_bio(bio, nil, callback, context)
            } input: { bytes }
            if file.items.contains(where: { if case .privateKey = $0.object { true } else { false } }) {
                file.findings.append(derConverted(Catalog.text("decode.kind.derEncryptedKey")))
            }
        } else if let publicKey = Self.decodeWhole(bytes, d2i_PUBKEY, release: EVP_PKEY_free) {
            EVP_PKEY_free(publicKey)
            file.append(.publicKey)
        } else {
            file.findings.append(notPemOrDer(Catalog.text("decode.damagedDer", ["reason": "\(reason())"])))
        }
    }

    /// Runs a `d2i_*` decoder and keeps the result only when it used every byte;
    /// otherwise releases it with `release`.
    private static func decodeWhole<T>(
        _ bytes: [UInt8],
        _ decoder: (UnsafeMutablePointer<T?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> T?,
        release: (T) -> Void
    ) -> T? {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let object = decoder(nil, &cursor, buffer.count) else { return nil }
            if let cursor, cursor == buffer.baseAddress! + buffer.count { return object }
            release(object)
            return nil
        }
    }

    // MARK: Keys

    private func decodeKey(
        encrypted: Bool, into file: inout DecodedFile,
        _ read: (OpaquePointer, PasswordCallback, UnsafeMutableRawPointer) -> OpaquePointer?,
        input: () -> [UInt8]
    ) {
        if encrypted {
            file.hasEncryptedKey = true
            _ = OpenSSLRuntime.legacyReady
        }
        let secret = encrypted ? passphrases?.passphrase(for: path) : nil
        if encrypted && secret == nil {
            file.findings.append(Finding(.passphraseRequired, .error, file: path,
                message: Catalog.text("finding.passphraseRequired.message", ["display": "\(display)"]),
                hint: Catalog.text("finding.passphraseRequired.hint")))
            return
        }
        let key = MemoryBIO.reading(input()) { bio in
            PassphraseCallback(secret).withCallback { callback, context in read(bio, callback, context) }
        }
        guard let key else {
            if encrypted {
                OpenSSLError.drain()
                file.findings.append(Finding(.wrongPassphrase, .error, file: path,
                    message: Catalog.text("finding.wrongPassphrase.message", ["display": "\(display)"]),
                    hint: Catalog.text("finding.wrongPassphrase.hint")))
            } else {
                file.findings.append(notPemOrDer(Catalog.text("decode.unreadableKeyBlock", ["reason": "\(reason())"])))
            }
            return
        }
        file.append(.privateKey(PrivateKey(taking: key)))
        if encrypted {
            file.findings.append(Finding(.encryptedKey, .info, file: path,
                message: Catalog.text("finding.encryptedKey.message", ["display": "\(display)"]),
                hint: Catalog.text("finding.encryptedKey.hint")))
        }
    }

    /// `kdf-too-expensive` when an encrypted PKCS#8 key asks for more key derivation
    /// than pftls allows; releases `sealed`.
    private func pkcs8Refusal(_ sealed: OpaquePointer?) -> Finding? {
        guard let sealed else { return nil } // OpenSSL reports the damage when it reads the key.
        defer { X509_SIG_free(sealed) }
        return KeyDerivationBound.finding(work: KeyDerivationBound.work(of: sealed), path: path, what: Catalog.text("decode.encryptedKeyWhat"))
    }

    // MARK: PKCS#7

    private func appendPKCS7(_ p7: UnsafeMutablePointer<PKCS7>?, into file: inout DecodedFile) {
        guard let p7 else {
            file.findings.append(notPemOrDer(Catalog.text("decode.unreadablePkcs7Block", ["reason": "\(reason())"])))
            return
        }
        defer { PKCS7_free(p7) }
        guard let stack = pftls_pkcs7_certificates(p7), pftls_x509_stack_count(stack) > 0 else {
            file.findings.append(notPemOrDer(Catalog.text("decode.pkcs7WithoutCertificates")))
            return
        }
        for index in 0..<pftls_x509_stack_count(stack) where file.takeCertificateRoom() {
            if let certificate = pftls_x509_stack_value(stack, index) {
                file.append(.certificate(Certificate(retaining: certificate)))
            }
        }
    }

    // MARK: Findings

    private func notPemOrDer(_ problem: String) -> Finding {
        Finding(.notPemOrDer, .error, file: path, message: "\(display) \(problem)",
                hint: Catalog.text("finding.notPemOrDer.hint"))
    }

    private func derConverted(_ what: String) -> Finding {
        Finding(.derConverted, .info, file: path, message: Catalog.text("finding.derConverted.message", ["display": "\(display)", "what": "\(what)"]),
                hint: Catalog.text("finding.derConverted.hint"))
    }

    private func reason() -> String { OpenSSLError.drain() ?? Catalog.text("openssl.no-detail") }
}

extension DecodedFile {
    mutating func append(_ object: DecodedObject) {
        items.append(DecodedItem(object: object, file: path, ordinal: items.count))
    }
}
