import COpenSSL
import CCryptoShim

extension Certificate {
    /// The serial number as colon-separated upper-case hex, as `openssl x509 -serial`
    /// shows its digits: what a CA's order page and revocation lists name a certificate by.
    public var serialNumberText: String {
        guard let serial = X509_get_serialNumber(pointer) else { return "" }
        let length = Int(ASN1_STRING_length(serial))
        guard length > 0, let data = ASN1_STRING_get0_data(serial) else { return "00" }
        return Hex.colonSeparated(Array(UnsafeBufferPointer(start: data, count: length)))
    }
}
