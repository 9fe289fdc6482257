import COpenSSL

/// Creates new private keys through OpenSSL, for the demo sandbox and test fixtures.
public enum KeyGenerator {
    /// The kinds of key pftls can make.
    public enum Kind: Sendable, Equatable {
        case rsa(bits: Int)
        case ec(curve: String)
        case ed25519
    }

    /// Why a key could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Generates a fresh key of `kind`.
    public static func generate(_ kind: Kind) throws -> PrivateKey {
        let algorithm: String = switch kind {
        case .rsa: "RSA"
        case .ec: "EC"
        case .ed25519: "ED25519"
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil) else { throw failure(Catalog.text("crypto.step.keyContext")) }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw failure(Catalog.text("crypto.step.keyGenerationStart")) }
        switch kind {
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else { throw failure(Catalog.text("crypto.step.rsaSize", ["bits": "\(bits)"])) }
        case .ec(let curve):
            guard EVP_PKEY_CTX_set_group_name(context, curve) == 1 else { throw failure(Catalog.text("crypto.step.curve", ["curve": "\(curve)"])) }
        case .ed25519:
            break
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw failure(Catalog.text("crypto.step.generateKey")) }
        return PrivateKey(taking: key)
    }

    private static func failure(_ step: String) -> Failure {
        Failure(description: Catalog.text("crypto.stepFailed", ["step": "\(step)", "detail": "\(OpenSSLError.drain() ?? Catalog.text("openssl.no-detail"))"]))
    }
}

extension PrivateKey {
    /// How an encrypted key file is written.
    public enum EncryptionFormat: Sendable {
        /// PKCS#8 with PBES2 (AES-256-CBC): `-----BEGIN ENCRYPTED PRIVATE KEY-----`.
        case pkcs8
        /// The traditional OpenSSL form with `Proc-Type: 4,ENCRYPTED` headers (AES-128-CBC).
        case legacy
    }

    /// The key as PEM encrypted with `passphrase`.
    public func encryptedPEM(passphrase: SecretBytes, format: EncryptionFormat) -> [UInt8]? {
        MemoryBIO.capture { bio in
            passphrase.withUnsafeBytes { pass in
                let bytes = UnsafeMutablePointer(mutating: pass.baseAddress?.assumingMemoryBound(to: UInt8.self))
                switch format {
                case .pkcs8:
                    return PEM_write_bio_PKCS8PrivateKey(bio, pointer, EVP_aes_256_cbc(), bytes.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, Int32(pass.count), nil, nil) == 1
                case .legacy:
                    return PEM_write_bio_PrivateKey_traditional(bio, pointer, EVP_aes_128_cbc(), bytes, Int32(pass.count), nil, nil) == 1
                }
            }
        }
    }
}
