#if canImport(Glibc)
import Glibc
#endif

/// Writes an unencrypted private key (alone, or followed by its chain) for
/// Postfix, with mode 0600 from the first byte. The source file is never touched.
public struct KeyFileWriter: Sendable {
    private let writer = AtomicFileWriter()

    /// Creates a key writer.
    public init() {}

    /// Writes `key` and then `chain` (leaf first) as PEM to `destination`, mode 0600.
    /// As root the file is owned by root. With `replacing` false an existing file, even
    /// one made meanwhile by another process, is left alone and the write fails.
    public func write(key: PrivateKey, chain: [Certificate] = [], to destination: String, replacing: Bool = true) throws(AtomicFileWriter.Failure) {
        guard let keyPEM = key.unencryptedPEM() else {
            throw AtomicFileWriter.Failure(path: destination, reason: Catalog.text("write.cannotEncodeKey"))
        }
        let chainPEM = Array(chain.map(\.pem).joined().utf8)
        try writer.write(keyPEM.appending(chainPEM), to: destination, mode: 0o600, owner: getuid() == 0 ? (0, 0) : nil, replacing: replacing)
    }
}
