import COpenSSL
import CCryptoShim

/// Makes certificate signing requests (CSRs) through OpenSSL: the first step of the
/// CA flow the guide starts from.
public enum RequestFactory {
    /// Why a request could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A PEM CSR for `names` (the first is the common name; all go into subjectAltName),
    /// signed with `key` (SHA-256; Ed25519 signs without a digest).
    public static func request(names: [String], key: PrivateKey) throws -> String {
        _ = OpenSSLRuntime.ready
        defer { OpenSSLError.drain() }
        guard let first = names.first else { throw Failure(description: Catalog.text("csr.no-name")) }
        guard let request = X509_REQ_new() else { throw failure("X509_REQ_new") }
        defer { X509_REQ_free(request) }
        X509_REQ_set_version(request, 0)
        let subject = X509_REQ_get_subject_name(request)
        guard X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, first, -1, -1, 0) == 1 else { throw failure("CN") }
        guard X509_REQ_set_pubkey(request, key.pointer) == 1 else { throw failure("X509_REQ_set_pubkey") }
        let alternatives = names.map { "DNS:\($0)" }.joined(separator: ",")
        guard let stack = pftls_extension_stack_new() else { throw failure("extensions") }
        defer { pftls_extension_stack_pop_free(stack) }
        guard let names = X509V3_EXT_conf_nid(nil, nil, NID_subject_alt_name, alternatives),
              pftls_extension_stack_push(stack, names) > 0 else { throw failure("subjectAltName") }
        guard X509_REQ_add_extensions(request, stack) == 1 else { throw failure("X509_REQ_add_extensions") }
        let digest: OpaquePointer? = switch key.algorithm.family {
        case .ed25519, .ed448: nil
        default: EVP_sha256()
        }
        guard X509_REQ_sign(request, key.pointer, digest) > 0 else { throw failure("X509_REQ_sign") }
        return MemoryBIO.text { PEM_write_bio_X509_REQ($0, request) == 1 }
    }

    private static func failure(_ step: String) -> Failure {
        Failure(description: Catalog.text("csr.openssl-failed", ["step": step, "detail": OpenSSLError.drain() ?? Catalog.text("openssl.no-detail")]))
    }
}
