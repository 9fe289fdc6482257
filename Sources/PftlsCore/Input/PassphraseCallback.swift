import COpenSSL

/// OpenSSL's passphrase callback type, as a C function pointer.
typealias PasswordCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32

/// Bridges a `SecretBytes` passphrase into OpenSSL's `pem_password_cb`.
///
/// OpenSSL would otherwise prompt on the terminal by itself; pftls always passes
/// this callback, so a missing passphrase simply fails the decode.
final class PassphraseCallback {
    private let secret: SecretBytes?

    init(_ secret: SecretBytes?) { self.secret = secret }

    /// Calls `body` with the C callback and its user-data pointer.
    func withCallback<R>(_ body: (PasswordCallback, UnsafeMutableRawPointer) -> R) -> R {
        let context = Unmanaged.passUnretained(self).toOpaque()
        return withExtendedLifetime(self) {
            body({ buffer, size, _, context in
                guard let buffer, let context else { return -1 }
                let box = Unmanaged<PassphraseCallback>.fromOpaque(context).takeUnretainedValue()
                return box.copy(into: buffer, capacity: Int(size))
            }, context)
        }
    }

    /// Copies the passphrase into OpenSSL's buffer; -1 when there is none or it does not fit.
    private func copy(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        guard let secret else { return -1 }
        return secret.withUnsafeBytes { bytes in
            guard bytes.count <= capacity else { return -1 }
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress ?? UnsafeRawPointer(buffer), byteCount: bytes.count)
            return Int32(bytes.count)
        }
    }
}
