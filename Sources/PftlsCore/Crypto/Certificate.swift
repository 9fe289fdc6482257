import COpenSSL
import CCryptoShim
import FoundationEssentials
import Glibc

/// An X.509 certificate owned by pftls, read through OpenSSL.
public final class Certificate: @unchecked Sendable {
    /// The owned `X509*`. Immutable after creation, so sharing it is safe.
    let pointer: OpaquePointer

    /// Takes ownership of an `X509*`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    /// Shares an `X509*` that someone else owns, by taking a reference.
    convenience init(retaining pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.init(taking: pointer)
    }

    deinit { X509_free(pointer) }

    /// The DER encoding.
    public var der: [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(pointer, &output)
        guard length > 0, let output else { return [] }
        defer { pftls_openssl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The PEM encoding, with a final newline.
    public var pem: String { MemoryBIO.text { PEM_write_bio_X509($0, pointer) == 1 } }

    /// SHA-256 over the DER encoding, as Postfix and `openssl x509 -fingerprint -sha256` show it.
    public lazy var sha256Fingerprint: [UInt8] = {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        X509_digest(pointer, EVP_sha256(), &digest, &length)
        return Array(digest.prefix(Int(length)))
    }()

    /// The caIssuers URLs of the Authority Information Access extension: where the CA
    /// publishes the issuer's certificate. Escaped for display.
    public var caIssuersURLs: [String] {
        guard let raw = X509_get_ext_d2i(pointer, NID_info_access, nil, nil) else { return [] }
        let access = OpaquePointer(raw)
        defer { pftls_aia_free(access) }
        return (0..<pftls_aia_count(access)).compactMap { index in
            var length: Int32 = 0
            guard let bytes = pftls_aia_ca_issuers_uri(access, index, &length) else { return nil }
            return SafeText.escape(bytes: Array(UnsafeBufferPointer(start: bytes, count: Int(length))))
        }
    }

    /// The fingerprint as colon-separated upper-case hex.
    public var sha256FingerprintText: String { Hex.colonSeparated(sha256Fingerprint) }

    /// The subject distinguished name, RFC 2253 style, control characters escaped.
    public lazy var subject: String = Self.nameText(X509_get_subject_name(pointer))
    /// The issuer distinguished name, RFC 2253 style, control characters escaped.
    public lazy var issuer: String = Self.nameText(X509_get_issuer_name(pointer))

    /// Start of validity.
    public var notBefore: Date { Self.date(X509_get0_notBefore(pointer)) }
    /// End of validity.
    public var notAfter: Date { Self.date(X509_get0_notAfter(pointer)) }

    /// Whole days from `now` to the end of validity, rounded down (negative once expired).
    public func daysLeft(at now: Date = Date()) -> Int {
        Int(floor(notAfter.timeIntervalSince(now) / 86_400))
    }

    /// Subject alternative names as `DNS:name` or `IP:address`, escaped.
    public lazy var subjectAlternativeNames: [String] = SubjectAlternativeNames.read(pointer)

    /// The public key's algorithm and size.
    /// `KeyAlgorithm.undecodable` when OpenSSL cannot load the public key (an unknown
    /// algorithm, a damaged EC point): such a certificate is reported, never trusted.
    public var keyAlgorithm: KeyAlgorithm {
        guard let key = X509_get0_pubkey(pointer) else { return .undecodable }
        return KeyAlgorithm(key)
    }

    /// True when basicConstraints says CA:TRUE.
    public var isCA: Bool { X509_get_extension_flags(pointer) & UInt32(EXFLAG_CA) != 0 }

    /// True when subject equals issuer and the certificate verifies with its own key.
    public var isSelfSigned: Bool { X509_get_extension_flags(pointer) & UInt32(EXFLAG_SS) != 0 || (isIssued(by: self) && signatureVerifies(with: self)) }

    /// True when an extendedKeyUsage is present and allows neither serverAuth nor anyExtendedKeyUsage.
    public var lacksServerAuth: Bool {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_XKUSAGE) != 0 else { return false }
        let usage = X509_get_extended_key_usage(pointer)
        return usage & UInt32(XKU_SSL_SERVER | XKU_ANYEKU) == 0
    }

    /// The keyUsage bits, or nil when the extension is absent.
    public var keyUsage: UInt32? {
        X509_get_extension_flags(pointer) & UInt32(EXFLAG_KUSAGE) != 0 ? X509_get_key_usage(pointer) : nil
    }

    /// The digest of the signature algorithm, e.g. `SHA256`, `SHA1`; nil for Ed25519 and the like.
    public var signatureDigestName: String? {
        var digest: Int32 = 0
        var publicKey: Int32 = 0
        guard OBJ_find_sigid_algs(X509_get_signature_nid(pointer), &digest, &publicKey) == 1,
              digest != NID_undef, let name = OBJ_nid2sn(digest) else { return nil }
        return String(cString: name)
    }

    /// The signature algorithm's long name, e.g. `sha256WithRSAEncryption`.
    public var signatureAlgorithm: String {
        OBJ_nid2ln(X509_get_signature_nid(pointer)).map { String(cString: $0) } ?? "unknown"
    }

    /// SHA-256 of the certificate's DER SubjectPublicKeyInfo: the data of a DANE TLSA
    /// `3 1 1` record, the same as its key's.
    public var subjectPublicKeyInfoSHA256: [UInt8] {
        guard let key = X509_get0_pubkey(pointer) else { OpenSSLError.drain(); return [] }
        return PublicKeyDigest.sha256(of: key)
    }

    /// The certificate's DER SubjectPublicKeyInfo (what TLSA selector 1 hashes).
    public var subjectPublicKeyInfoDER: [UInt8] {
        guard let key = X509_get0_pubkey(pointer) else { OpenSSLError.drain(); return [] }
        return PublicKeyDigest.der(of: key)
    }

    /// True when `issuer`'s name and key identifiers fit this certificate's issuer fields.
    public func isIssued(by issuer: Certificate) -> Bool {
        X509_check_issued(issuer.pointer, pointer) == X509_V_OK
    }

    /// OpenSSL's hash of the subject name: equal names hash equally (an index, not a proof).
    var subjectNameHash: UInt { UInt(X509_subject_name_hash(pointer)) }

    /// OpenSSL's hash of the issuer name, comparable with `subjectNameHash`.
    var issuerNameHash: UInt { UInt(X509_issuer_name_hash(pointer)) }

    /// True when the issuer name equals `issuer`'s subject name.
    public func namesIssuer(_ issuer: Certificate) -> Bool {
        X509_NAME_cmp(X509_get_issuer_name(pointer), X509_get_subject_name(issuer.pointer)) == 0
    }

    /// True when this certificate's signature verifies with `issuer`'s public key.
    public func signatureVerifies(with issuer: Certificate) -> Bool {
        defer { OpenSSLError.drain() }
        guard let key = X509_get0_pubkey(issuer.pointer) else { return false }
        return X509_verify(pointer, key) == 1
    }

    /// RFC 6125 name check by OpenSSL, wildcards included; IP addresses are checked against IP SANs.
    public func matches(hostname: String) -> Bool {
        defer { OpenSSLError.drain() }
        if X509_check_ip_asc(pointer, hostname, 0) == 1 { return true }
        return X509_check_host(pointer, hostname, hostname.utf8.count, 0, nil) == 1
    }

    /// True when both certificates have the same DER encoding.
    public func isSame(as other: Certificate) -> Bool { X509_cmp(pointer, other.pointer) == 0 }

    private static func nameText(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let raw = MemoryBIO.capture { X509_NAME_print_ex($0, name, 0, pftls_name_print_flags()) >= 0 } ?? []
        return SafeText.escape(bytes: raw)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

/// Hex formatting for fingerprints and digests.
public enum Hex {
    /// `AB:CD:...` upper-case, as OpenSSL prints fingerprints.
    public static func colonSeparated(_ bytes: [UInt8]) -> String {
        bytes.map { digits($0, uppercase: true) }.joined(separator: ":")
    }
    /// The two hex digits of `byte`.
    private static func digits(_ byte: UInt8, uppercase: Bool) -> String {
        let text = String(byte, radix: 16, uppercase: uppercase)
        return byte < 16 ? "0" + text : text
    }
    /// `abcd...` lower-case, as TLSA records are written.
    public static func lowercase(_ bytes: [UInt8]) -> String {
        bytes.map { digits($0, uppercase: false) }.joined()
    }
}
