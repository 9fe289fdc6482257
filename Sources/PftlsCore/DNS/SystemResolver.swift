import CResolverShim

/// Asks the C library's stub resolver (`res_nquery`), as Postfix does: the servers of
/// /etc/resolv.conf, or one server given. Queries carry EDNS0 with the DO bit and keep
/// the AD bit (RES_TRUSTAD), so the answer says whether it was DNSSEC-validated.
public struct SystemResolver: DNSResolving {
    let server: (address: String, port: Int)?
    let timeout: Int32
    let attempts: Int32

    /// The most records read from one answer.
    static let capacity = 64

    /// Creates a resolver; `server` replaces resolv.conf's servers. Each try waits
    /// `timeout` seconds, `attempts` times.
    public init(server: (address: String, port: Int)?, timeout: Int32 = 2, attempts: Int32 = 2) {
        self.server = server
        self.timeout = timeout
        self.attempts = attempts
    }

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        let buffer = UnsafeMutablePointer<pftls_dns_record>.allocate(capacity: Self.capacity)
        defer { buffer.deallocate() }
        var count: Int32 = 0
        var authenticated: Int32 = 0
        let status = name.withCString { cName in
            if let server {
                return server.address.withCString { cServer in
                    pftls_dns_lookup(cName, type.rawValue, cServer, Int32(server.port), timeout, attempts,
                                     buffer, Int32(Self.capacity), &count, &authenticated)
                }
            }
            return pftls_dns_lookup(cName, type.rawValue, nil, 0, timeout, attempts, buffer, Int32(Self.capacity), &count, &authenticated)
        }
        switch pftls_dns_status(rawValue: UInt32(status)) {
        case PFTLS_DNS_ANSWER:
            let records = (0..<Int(count)).map { index in Self.record(buffer[index]) }
            return .success(DNSAnswer(records: records, authenticated: authenticated != 0))
        case PFTLS_DNS_NO_DATA, PFTLS_DNS_NO_NAME:
            return .success(DNSAnswer(records: [], authenticated: authenticated != 0))
        default:
            let via = server.map { "\($0.address):\($0.port)" } ?? "/etc/resolv.conf"
            return .failure(DNSFailure(name: name, reason: Catalog.text("dns.no-answer", ["server": via])))
        }
    }

    /// The same resolver with each try no longer than `time` (whole seconds, at least one),
    /// and no more tries than fit in it.
    public func limited(to time: Duration) -> DNSResolving {
        let (whole, fraction) = time.components
        let seconds = Int32(clamping: max(1, whole + (fraction > 0 ? 1 : 0)))
        let cut = min(timeout, seconds)
        return SystemResolver(server: server, timeout: cut, attempts: max(1, min(attempts, seconds / cut)))
    }

    private static func record(_ raw: pftls_dns_record) -> DNSRecord {
        var raw = raw
        let data = withUnsafeBytes(of: &raw.data) { Array($0.prefix(Int(raw.length))) }
        let target = withUnsafeBytes(of: &raw.target) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return DNSRecord(ttl: raw.ttl, data: data, preference: Int(raw.preference), target: target)
    }
}
