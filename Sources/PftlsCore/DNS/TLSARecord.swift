import COpenSSL

/// A DANE TLSA record (RFC 6698): usage, selector, matching type and the data.
public struct TLSARecord: Equatable, Sendable {
    public let usage: UInt8
    public let selector: UInt8
    public let matchingType: UInt8
    public let data: [UInt8]

    /// Creates a record.
    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    /// Reads the RDATA of a TLSA answer; nil when it is too short.
    public init?(rdata: [UInt8]) {
        guard rdata.count > 3 else { return nil }
        self.init(usage: rdata[0], selector: rdata[1], matchingType: rdata[2], data: Array(rdata[3...]))
    }

    /// The `3 1 1` record of a certificate's key (DANE-EE, SubjectPublicKeyInfo, SHA-256).
    public static func endEntity(_ certificate: Certificate) -> TLSARecord {
        TLSARecord(usage: 3, selector: 1, matchingType: 1, data: certificate.subjectPublicKeyInfoSHA256)
    }

    /// The `2 1 1` record of an issuer's key (DANE-TA, SubjectPublicKeyInfo, SHA-256).
    public static func trustAnchor(_ certificate: Certificate) -> TLSARecord {
        TLSARecord(usage: 2, selector: 1, matchingType: 1, data: certificate.subjectPublicKeyInfoSHA256)
    }

    /// The record as a zone file writes it: `3 1 1 0a1b…`.
    public var text: String { "\(usage) \(selector) \(matchingType) \(Hex.lowercase(data))" }

    /// True for the usages SMTP uses (RFC 7672): DANE-TA (2) and DANE-EE (3). PKIX
    /// usages 0 and 1 are unusable for SMTP, and Postfix ignores them.
    public var isUsableForSMTP: Bool { (usage == 2 || usage == 3) && selector <= 1 && matchingType <= 2 }

    /// True when the record matches `chain` (leaf first) as a DANE SMTP client checks
    /// it: DANE-EE against the leaf, DANE-TA against any issuer in the chain.
    public func matches(chain: [Certificate]) -> Bool {
        guard isUsableForSMTP, let leaf = chain.first else { return false }
        let candidates = usage == 3 ? [leaf] : Array(chain.dropFirst())
        return candidates.contains { digest(of: $0) == data }
    }

    private func digest(of certificate: Certificate) -> [UInt8] {
        hashed(selector == 0 ? certificate.der : certificate.subjectPublicKeyInfoDER)
    }

    /// `selected` (a certificate or a SubjectPublicKeyInfo, as the selector says) as
    /// this record's matching type holds it.
    func hashed(_ selected: [UInt8]) -> [UInt8] {
        switch matchingType {
        case 0: return selected
        case 1: return PublicKeyDigest.digest(selected, EVP_sha256())
        default: return PublicKeyDigest.digest(selected, EVP_sha512())
        }
    }
}
