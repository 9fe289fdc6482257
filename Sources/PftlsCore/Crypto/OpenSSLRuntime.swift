import COpenSSL

/// One-time OpenSSL set-up: the default provider, and the legacy provider that
/// old PKCS#12 files (RC2-40, 3DES) and keys encrypted with single DES need.
enum OpenSSLRuntime {
    /// Touch this before decoding anything. Loading is idempotent and thread-safe.
    static let ready: Bool = {
        let loaded = OSSL_PROVIDER_load(nil, "default")
        OpenSSLError.drain()
        return loaded != nil
    }()

    /// Touch this before decrypting a key or reading PKCS#12: the legacy provider is a
    /// module of its own (dlopen), so it is loaded only when something may need it.
    static let legacyReady: Bool = {
        _ = ready
        let legacy = OSSL_PROVIDER_load(nil, "legacy")
        OpenSSLError.drain()
        return legacy != nil
    }()
}
