import COpenSSL

/// One-time OpenSSL set-up: the default provider, and the legacy provider that
/// old PKCS#12 files (RC2-40, 3DES) need.
enum OpenSSLRuntime {
    /// Touch this before decoding anything. Loading is idempotent and thread-safe.
    static let ready: Bool = {
        _ = OSSL_PROVIDER_load(nil, "default")
        let legacy = OSSL_PROVIDER_load(nil, "legacy")
        OpenSSLError.drain()
        return legacy != nil
    }()
}
