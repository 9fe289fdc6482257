import COpenSSL
import CCryptoShim

/// A private key owned by pftls. Its bytes leave memory only through
/// `unencryptedPEM()`, into wiped storage.
public final class PrivateKey: @unchecked Sendable, CustomStringConvertible {
    /// The owned `EVP_PKEY*`. Immutable after creation.
    let pointer: OpaquePointer

    /// Takes ownership of an `EVP_PKEY*`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// The algorithm and size.
    public var algorithm: KeyAlgorithm { KeyAlgorithm(pointer) }

    /// True when `certificate` carries this key's public half.
    public func matches(_ certificate: Certificate) -> Bool {
        defer { OpenSSLError.drain() }
        guard let publicKey = X509_get0_pubkey(certificate.pointer) else { return false }
        return EVP_PKEY_eq(pointer, publicKey) == 1
    }

    /// The key as unencrypted PKCS#8 PEM, in wiped memory.
    public func unencryptedPEM() -> SecretBytes? {
        MemoryBIO.captureSecret { bio in
            PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1
        }
    }

    /// SHA-256 of the DER SubjectPublicKeyInfo: the data of a DANE TLSA `3 1 1` record.
    public var subjectPublicKeyInfoSHA256: [UInt8] { PublicKeyDigest.sha256(of: pointer) }

    /// Never shows key material.
    public var description: String { "PrivateKey(\(algorithm))" }
}
