import COpenSSL
import CCryptoShim

/// Reads the subjectAltName extension of a certificate into display strings.
enum SubjectAlternativeNames {
    /// `DNS:…`, `IP:…`, `email:…` entries, escaped for display.
    static func read(_ certificate: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { pftls_general_names_free(names) }
        var result: [String] = []
        for index in 0..<pftls_general_names_count(names) {
            guard let name = pftls_general_names_value(names, index) else { continue }
            var type: Int32 = 0
            guard let value = GENERAL_NAME_get0_value(name, &type) else { continue }
            let string = value.assumingMemoryBound(to: ASN1_STRING.self)
            let bytes = Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(string), count: Int(ASN1_STRING_length(string))))
            switch type {
            case GEN_DNS: result.append("DNS:" + SafeText.escape(bytes: bytes))
            case GEN_EMAIL: result.append("email:" + SafeText.escape(bytes: bytes))
            case GEN_URI: result.append("URI:" + SafeText.escape(bytes: bytes))
            case GEN_IPADD: result.append("IP:" + ipText(bytes))
            default: result.append("other")
            }
        }
        return result
    }

    private static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        if bytes.count == 16 {
            return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
        return Hex.lowercase(bytes)
    }
}
