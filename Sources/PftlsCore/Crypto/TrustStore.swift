import COpenSSL
import FoundationEssentials
import Glibc

/// The CA certificates the system trusts, looked up through OpenSSL.
///
/// Passed to the engine so tests can use an empty or private store.
public final class TrustStore: @unchecked Sendable {
    /// The owned `X509_STORE*`; only read after creation.
    private let store: OpaquePointer

    private init(store: OpaquePointer) { self.store = store }

    deinit { X509_STORE_free(store) }

    /// OpenSSL's default certificate directory (/etc/ssl/certs on Debian, or
    /// `$SSL_CERT_DIR`), looked up lazily by subject hash. The bundle file is not
    /// read: parsing ~150 roots on every run would cost more than the whole inspection.
    public static func system() -> TrustStore {
        let store = X509_STORE_new()!
        let directory = getenv(String(cString: X509_get_default_cert_dir_env())).map { String(cString: $0) }
            ?? String(cString: X509_get_default_cert_dir())
        if let lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir()) {
            X509_LOOKUP_ctrl(lookup, X509_L_ADD_DIR, directory, Int(X509_FILETYPE_PEM), nil)
        }
        OpenSSLError.drain()
        return TrustStore(store: store)
    }

    /// A store that trusts exactly `certificates`.
    public static func trusting(_ certificates: [Certificate]) -> TrustStore {
        let store = X509_STORE_new()!
        for certificate in certificates { X509_STORE_add_cert(store, certificate.pointer) }
        return TrustStore(store: store)
    }

    /// The trusted certificate that issued `certificate`, if the store has one.
    public func issuer(of certificate: Certificate) -> Certificate? {
        guard let context = X509_STORE_CTX_new() else { return nil }
        defer { X509_STORE_CTX_free(context); OpenSSLError.drain() }
        guard X509_STORE_CTX_init(context, store, certificate.pointer, nil) == 1 else { return nil }
        var issuer: OpaquePointer?
        guard X509_STORE_CTX_get1_issuer(&issuer, context, certificate.pointer) == 1, let issuer else { return nil }
        return Certificate(taking: issuer)
    }

    /// True when the store holds this very certificate (as a trust anchor).
    public func contains(_ certificate: Certificate) -> Bool {
        guard certificate.isSelfSigned, let found = issuer(of: certificate) else { return false }
        return found.isSame(as: certificate)
    }
}
