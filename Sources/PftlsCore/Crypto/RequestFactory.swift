import COpenSSL
import CCryptoShim

/// Makes certificate signing requests (CSRs) through OpenSSL: the first step of the
/// CA flow the guide starts from.
public enum RequestFactory {
    /// Why a request could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The longest common name X.509 allows (ub-common-name, RFC 5280).
    static let longestCommonName = 64

    /// A PEM CSR for `names` (all go into subjectAltName; the first that is not longer
    /// than a common name may be is the common name too, and with none the subject has
    /// no CN: CAs take the names from subjectAltName), with `subject`'s organisation
    /// fields before the CN, signed with `key` (SHA-256; Ed25519 signs without a digest).
    public static func request(names: [String], key: PrivateKey, subject: RequestSubject = .empty) throws -> String {
        _ = OpenSSLRuntime.ready
        defer { OpenSSLError.drain() }
        guard !names.isEmpty else { throw Failure(description: Catalog.text("csr.no-name")) }
        guard let request = X509_REQ_new() else { throw failure("X509_REQ_new") }
        defer { X509_REQ_free(request) }
        X509_REQ_set_version(request, 0)
        let name = X509_REQ_get_subject_name(request)
        if let refused = subject.add(to: name!) { throw failure(refused.rawValue) }
        if let common = names.first(where: { $0.utf8.count <= longestCommonName }) {
            guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, common, -1, -1, 0) == 1 else { throw failure("CN") }
        }
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
