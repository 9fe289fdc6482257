import COpenSSL
import FoundationEssentials
import Glibc

/// Issues X.509 certificates through OpenSSL: a private CA for the demo sandbox
/// and fixtures for the tests, made at run time so they never expire.
public enum CertificateFactory {
    /// Why a certificate could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Issues a certificate for `subjectKey`, signed by `issuer` (certificate and key),
    /// or self-signed when `issuer` is nil.
    public static func issue(_ spec: CertificateSpec, subjectKey: PrivateKey,
                             issuer: (certificate: Certificate, key: PrivateKey)? = nil) throws -> Certificate {
        _ = OpenSSLRuntime.ready
        guard let x509 = X509_new() else { throw failure(Catalog.text("crypto.step.allocateCertificate")) }
        let certificate = Certificate(taking: x509)
        X509_set_version(x509, 2)
        ASN1_INTEGER_set(X509_get_serialNumber(x509), Int.random(in: 1..<Int.max))
        let name = X509_get_subject_name(x509)
        try add("CN", spec.commonName, to: name)
        if let organization = spec.organization { try add("O", organization, to: name) }
        X509_set_issuer_name(x509, issuer.map { X509_get_subject_name($0.certificate.pointer) } ?? name)
        ASN1_TIME_set(X509_getm_notBefore(x509), time_t(spec.notBefore.timeIntervalSince1970))
        ASN1_TIME_set(X509_getm_notAfter(x509), time_t(spec.notAfter.timeIntervalSince1970))
        X509_set_pubkey(x509, subjectKey.pointer)

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate.pointer ?? x509, x509, nil, nil, 0)
        try extend(x509, &context, NID_basic_constraints, spec.isCA ? "critical,CA:TRUE" : "critical,CA:FALSE")
        try extend(x509, &context, NID_subject_key_identifier, "hash")
        try extend(x509, &context, NID_authority_key_identifier, "keyid:always")
        if let keyUsage = spec.keyUsage { try extend(x509, &context, NID_key_usage, keyUsage) }
        if let extendedKeyUsage = spec.extendedKeyUsage { try extend(x509, &context, NID_ext_key_usage, extendedKeyUsage) }
        if !spec.subjectAltNames.isEmpty {
            let value = spec.subjectAltNames.map { $0.contains(":") || $0.allSatisfy({ $0.isNumber || $0 == "." }) ? "IP:\($0)" : "DNS:\($0)" }
            try extend(x509, &context, NID_subject_alt_name, value.joined(separator: ","))
        }
        let signer = issuer?.key ?? subjectKey
        let digest: OpaquePointer? = switch signer.algorithm.family {
        case .ed25519, .ed448: nil
        default: EVP_get_digestbyname(spec.digest)
        }
        guard X509_sign(x509, signer.pointer, digest) > 0 else { throw failure(Catalog.text("crypto.step.signCertificate")) }
        return certificate
    }

    private static func add(_ field: String, _ value: String, to name: OpaquePointer?) throws {
        guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0) == 1 else {
            throw failure(Catalog.text("crypto.step.setField", ["field": "\(field)"]))
        }
    }

    private static func extend(_ x509: OpaquePointer, _ context: inout X509V3_CTX, _ nid: Int32, _ value: String) throws {
        guard let extensionValue = X509V3_EXT_conf_nid(nil, &context, nid, value) else { throw failure(Catalog.text("crypto.step.buildExtension", ["extension": "\(value)"])) }
        defer { X509_EXTENSION_free(extensionValue) }
        guard X509_add_ext(x509, extensionValue, -1) == 1 else { throw failure(Catalog.text("crypto.step.addExtension", ["extension": "\(value)"])) }
    }

    private static func failure(_ step: String) -> Failure {
        Failure(description: Catalog.text("crypto.stepFailed", ["step": "\(step)", "detail": "\(OpenSSLError.drain() ?? Catalog.text("openssl.no-detail"))"]))
    }
}
