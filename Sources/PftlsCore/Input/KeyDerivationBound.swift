import COpenSSL
import CCryptoShim

/// The most key-derivation work pftls does to open one encrypted key or PKCS#12 file.
///
/// A passphrase-protected file names its own cost: PBKDF2 or PKCS#12 iterations, or
/// scrypt's N·r·p. A hostile file that asks for 2^31-1 iterations would keep pftls busy
/// for hours, so the cost is read from the file's parameters first and refused above
/// the bound. Both kinds of unit take about 0.3 µs here, so one bound serves both.
enum KeyDerivationBound {
    /// 10,000,000 units, a few seconds. OpenSSL writes 2,048 iterations; OWASP's
    /// highest recommendation (PBKDF2-HMAC-SHA1) is 1,300,000; scrypt's usual N=2^14, r=8,
    /// p=1 is 131,072.
    static let maximumWork: Int64 = 10_000_000

    /// A `kdf-too-expensive` finding when `work` is out of bounds, nil when it may be done.
    static func finding(work: Int64, path: String, what: String) -> Finding? {
        let display = SafeText.escape(path)
        if work < 0 {
            return Finding(.kdfTooExpensive, .error, file: path,
                message: Catalog.text("finding.kdfTooExpensive.message", ["display": "\(display)", "what": "\(what)"]),
                hint: Catalog.text("finding.kdfTooExpensive.hint"))
        }
        guard work > maximumWork else { return nil }
        return Finding(.kdfTooExpensive, .error, file: path,
            message: Catalog.text("finding.kdfTooExpensive.tooManyRounds", ["display": "\(display)", "what": "\(what)", "work": "\(work)", "maximumWork": "\(maximumWork)"]),
            hint: Catalog.text("finding.kdfTooExpensive.tooManyRoundsHint"))
    }

    /// The work the encryption algorithm of a PKCS#8 `EncryptedPrivateKeyInfo` asks for.
    static func work(of sealed: OpaquePointer) -> Int64 {
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_SIG_get0(sealed, &algorithm, nil)
        return pftls_pbe_work(algorithm)
    }
}
