import COpenSSL
import CCryptoShim

/// A public key's DER SubjectPublicKeyInfo and its digests, as DANE TLSA records hold them.
enum PublicKeyDigest {
    /// The DER SubjectPublicKeyInfo of `key`'s public part; empty when OpenSSL cannot encode it.
    static func der(of key: OpaquePointer) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &output)
        guard length > 0, let output else { OpenSSLError.drain(); return [] }
        defer { pftls_openssl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The SHA-256 of `key`'s SubjectPublicKeyInfo (a `3 1 1` record's data); empty on failure.
    static func sha256(of key: OpaquePointer) -> [UInt8] {
        let encoded = der(of: key)
        return encoded.isEmpty ? [] : digest(encoded, EVP_sha256())
    }

    /// `bytes` hashed with the digest `type` (EVP_sha256(), EVP_sha512()); empty on failure.
    static func digest(_ bytes: [UInt8], _ type: OpaquePointer?) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &digest, &length, type, nil) == 1 else { OpenSSLError.drain(); return [] }
        return Array(digest.prefix(Int(length)))
    }
}
