import COpenSSL

/// Certificates this process has decoded, by their PEM block: a hosting server's thousands
/// of chain files repeat the same few intermediates, and OpenSSL 3 spends most of a
/// certificate's decoding on building a decoder for its public key. A repeat gets a new
/// `Certificate` sharing the decoded `X509` (reference-counted, never changed once read),
/// so each file still holds certificates of its own. The cache is emptied when full.
final class CertificateCache: @unchecked Sendable {
    /// The one cache of the process.
    static let shared = CertificateCache()
    /// The most blocks kept.
    static let capacity = 256

    private let lock = Lock()
    private var decoded: [String: OpaquePointer] = [:]

    /// The certificate in `block` (a normalized PEM block), decoded with `decode` unless an
    /// identical block was decoded before; nil when `decode` fails.
    func certificate(_ block: String, decode: () -> OpaquePointer?) -> Certificate? {
        if let known = lock.withLock({ decoded[block] }) { return Certificate(retaining: known) }
        guard let fresh = decode() else { return nil }
        lock.withLock {
            if decoded.count >= Self.capacity {
                decoded.values.forEach { X509_free($0) }
                decoded.removeAll()
            }
            if decoded[block] == nil {
                X509_up_ref(fresh)
                decoded[block] = fresh
            }
        }
        return Certificate(taking: fresh)
    }
}
