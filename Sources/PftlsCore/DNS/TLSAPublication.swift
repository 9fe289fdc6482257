/// The TLSA records published for one SMTP server name, at `_25._tcp.NAME`.
public struct TLSAPublication: Equatable, Sendable {
    /// The server name, e.g. `mail.example.com`.
    public let name: String
    /// The usable records (DANE-TA and DANE-EE); PKIX usages are left out, as Postfix does.
    public let records: [TLSARecord]
    /// The smallest TTL of the records, in seconds: how long caches may keep them.
    public let ttl: UInt32
    /// The resolver validated the answer with DNSSEC (the AD bit).
    public let authenticated: Bool

    /// The owner name of the records.
    public var owner: String { Self.owner(of: name) }

    /// `_25._tcp.NAME`, where SMTP's TLSA records live (RFC 7672).
    public static func owner(of name: String) -> String { "_25._tcp.\(name)" }

    /// Looks up the records for `name`; a name with no usable records gives a publication with none.
    public static func lookup(_ name: String, resolver: DNSResolving) -> Result<TLSAPublication, DNSFailure> {
        resolver.lookup(owner(of: name), type: .tlsa).map { answer in
            let records = answer.records.compactMap { TLSARecord(rdata: $0.data) }.filter(\.isUsableForSMTP)
            return TLSAPublication(name: name, records: records, ttl: answer.records.map(\.ttl).min() ?? 0,
                                   authenticated: answer.authenticated)
        }
    }

    /// True when some record matches `chain` (leaf first).
    public func matches(_ chain: [Certificate]) -> Bool { records.contains { $0.matches(chain: chain) } }
}
