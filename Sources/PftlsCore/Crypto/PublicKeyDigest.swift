import COpenSSL
import CCryptoShim

/// The SHA-256 of a public key's DER SubjectPublicKeyInfo, as a DANE `3 1 1` record holds it.
enum PublicKeyDigest {
    /// The digest of `key`'s public part; empty when OpenSSL cannot encode it.
    static func sha256(of key: OpaquePointer) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &output)
        guard length > 0, let output else { OpenSSLError.drain(); return [] }
        defer { pftls_openssl_free(output) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var digestLength: UInt32 = 0
        EVP_Digest(output, Int(length), &digest, &digestLength, EVP_sha256(), nil)
        return Array(digest.prefix(Int(digestLength)))
    }
}
