import COpenSSL
import CCryptoShim

/// Opens a PKCS#12 (.pfx/.p12) bundle: its key, its certificate and its CA certificates.
///
/// Old bundles (RC2-40, 3DES) need OpenSSL's legacy provider, which pftls loads.
struct PKCS12Decoder {
    let path: String
    let passphrases: PassphraseSource?

    private var display: String { SafeText.escape(path) }

    func decode(_ p12: OpaquePointer, into file: inout DecodedFile) {
        file.isPKCS12 = true
        _ = OpenSSLRuntime.legacyReady
        if PKCS12_mac_present(p12) == 1 {
            var iterations: UnsafePointer<ASN1_INTEGER>?
            PKCS12_get0_mac(nil, nil, nil, &iterations, p12)
            let count = iterations.map { ASN1_INTEGER_get($0) } ?? 1
            if let refusal = KeyDerivationBound.finding(work: count < 1 ? -1 : Int64(count), path: path, what: Catalog.text("inspect.pkcs12.integrityCheck")) {
                file.findings.append(refusal)
                return
            }
        }
        let secret: SecretBytes?
        if PKCS12_mac_present(p12) == 0 || PKCS12_verify_mac(p12, nil, 0) == 1 || PKCS12_verify_mac(p12, "", 0) == 1 {
            secret = nil
        } else if let given = passphrases?.passphrase(for: path) {
            let macOK = given.withCString { PKCS12_verify_mac(p12, $0, Int32(given.count)) == 1 }
            guard macOK else {
                OpenSSLError.drain()
                file.findings.append(cannotOpen(Catalog.text("inspect.pkcs12.wrongPassphrase")))
                file.findings.append(Finding(.wrongPassphrase, .error, file: path,
                    message: Catalog.text("finding.wrongPassphrase.pkcs12", ["display": "\(display)"]),
                    hint: Catalog.text("finding.wrongPassphrase.hint")))
                return
            }
            secret = given
        } else {
            file.findings.append(cannotOpen(Catalog.text("inspect.pkcs12.needsPassphrase")))
            file.findings.append(Finding(.passphraseRequired, .error, file: path,
                message: Catalog.text("finding.passphraseRequired.pkcs12", ["display": "\(display)"]),
                hint: Catalog.text("finding.passphraseRequired.hint")))
            return
        }
        let work = if let secret { secret.withCString { pftls_pkcs12_pbe_work(p12, $0, Int32(secret.count), KeyDerivationBound.maximumWork) } }
            else { pftls_pkcs12_pbe_work(p12, "", 0, KeyDerivationBound.maximumWork) }
        OpenSSLError.drain()
        if let refusal = KeyDerivationBound.finding(work: work, path: path, what: Catalog.text("inspect.pkcs12.encryptedPart")) {
            file.findings.append(refusal)
            return
        }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var authorities: OpaquePointer?
        let parsed: Int32 = if let secret { secret.withCString { PKCS12_parse(p12, $0, &key, &certificate, &authorities) } }
            else { PKCS12_parse(p12, "", &key, &certificate, &authorities) }
        guard parsed == 1 else {
            file.findings.append(cannotOpen(Catalog.text("inspect.pkcs12.cannotDecrypt", ["detail": "\(OpenSSLError.drain() ?? "no detail")"])))
            return
        }
        if let key { file.append(.privateKey(PrivateKey(taking: key))) }
        if let certificate { file.append(.certificate(Certificate(taking: certificate))) }
        var authorityCount: Int32 = 0
        if let authorities {
            authorityCount = pftls_x509_stack_count(authorities)
            for index in 0..<authorityCount where file.takeCertificateRoom() {
                if let authority = pftls_x509_stack_value(authorities, index) {
                    file.append(.certificate(Certificate(retaining: authority)))
                }
            }
            pftls_x509_stack_pop_free(authorities)
        }
        file.findings.append(Finding(.pkcs12, .info, file: path,
            message: Catalog.text("finding.pkcs12.message", ["display": "\(display)", "keyPart": (key == nil ? Catalog.text("pkcs12.no-key") : Catalog.text("pkcs12.a-key")), "certificatePart": (certificate == nil ? Catalog.text("pkcs12.no-certificate") : Catalog.text("pkcs12.a-certificate")), "authorities": Catalog.text(authorityCount == 1 ? "pkcs12.oneAuthority" : "pkcs12.authorities", ["count": "\(authorityCount)"])]),
            hint: Catalog.text("finding.pkcs12.hint")))
    }

    private func cannotOpen(_ why: String) -> Finding {
        Finding(.pkcs12, .error, file: path, message: Catalog.text("finding.pkcs12.cannotOpen", ["display": "\(display)", "why": "\(why)"]),
                hint: Catalog.text("finding.pkcs12.cannotOpenHint"))
    }
}
