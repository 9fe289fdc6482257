import CResolverShim

/// Asks the C library's stub resolver (`res_nquery`), as Postfix does: the servers of
/// /etc/resolv.conf, or one server given. Queries carry EDNS0 with the DO bit and keep
/// the AD bit (RES_TRUSTAD), so the answer says whether it was DNSSEC-validated. An
/// answer is read whole: every record, however long (up to the 65,535 bytes of a DNS
/// message over TCP); one that comes cut short is a failure that says so.
public struct SystemResolver: DNSResolving {
    let server: (address: String, port: Int)?
    let timeout: Int32
    let attempts: Int32

    /// Creates a resolver; `server` replaces resolv.conf's servers. Each try waits
    /// `timeout` seconds, `attempts` times.
    public init(server: (address: String, port: Int)?, timeout: Int32 = 2, attempts: Int32 = 2) {
        self.server = server
        self.timeout = timeout
        self.attempts = attempts
    }

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        var message = [UInt8](repeating: 0, count: Int(PFTLS_DNS_MESSAGE_MAX))
        var length: Int32 = 0
        let asked = name.withCString { cName in
            guard let server else {
                return pftls_dns_query(cName, type.rawValue, nil, 0, timeout, attempts, &message, Int32(message.count), &length)
            }
            return server.address.withCString { cServer in
                pftls_dns_query(cName, type.rawValue, cServer, Int32(server.port), timeout, attempts, &message, Int32(message.count), &length)
            }
        }
        switch pftls_dns_status(rawValue: UInt32(asked)) {
        case PFTLS_DNS_ANSWER:
            return read(Array(message.prefix(Int(length))), name: name, type: type)
        case PFTLS_DNS_NO_DATA, PFTLS_DNS_NO_NAME:
            return .success(DNSAnswer(records: [], authenticated: false))
        case PFTLS_DNS_CUT:
            return .failure(cut(name))
        default:
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

    /// Every record of `type` in the answer `message`.
    private func read(_ message: [UInt8], name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        // The smallest record is 11 bytes (a root owner name and the fixed fields).
        var found = [pftls_dns_record](repeating: pftls_dns_record(), count: message.count / 11 + 1)
        var count: Int32 = 0
        var authenticated: Int32 = 0
        let status = pftls_dns_records(message, Int32(message.count), type.rawValue, &found, Int32(found.count), &count, &authenticated)
        switch pftls_dns_status(rawValue: UInt32(status)) {
        case PFTLS_DNS_ANSWER:
            let records = found.prefix(Int(count)).compactMap { Self.record($0, in: message, type: type) }
            return .success(DNSAnswer(records: records, authenticated: authenticated != 0))
        case PFTLS_DNS_NO_DATA:
            return .success(DNSAnswer(records: [], authenticated: authenticated != 0))
        case PFTLS_DNS_CUT:
            return .failure(cut(name))
        default:
            return .failure(DNSFailure(name: name, reason: Catalog.text("dns.unreadable", ["server": via])))
        }
    }

    /// A record's data; for MX its preference and target too (nil when they are malformed).
    private static func record(_ raw: pftls_dns_record, in message: [UInt8], type: DNSRecordType) -> DNSRecord? {
        let data = Array(message[Int(raw.offset)..<Int(raw.offset + raw.length)])
        guard type == .mx else { return DNSRecord(ttl: raw.ttl, data: data) }
        guard data.count >= 3 else { return nil }
        var target = [CChar](repeating: 0, count: 1025)
        guard pftls_dns_expand(message, Int32(message.count), raw.offset + 2, &target, Int32(target.count)) == 0 else { return nil }
        let preference = Int(data[0]) << 8 | Int(data[1])
        return DNSRecord(ttl: raw.ttl, data: data, preference: preference, target: String(decoding: target.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private func cut(_ name: String) -> DNSFailure {
        DNSFailure(name: name, reason: Catalog.text("dns.cut", ["server": via]))
    }

    /// The server asked, for messages.
    private var via: String { server.map { ResolverChoice.display(address: $0.address, port: $0.port) } ?? "/etc/resolv.conf" }
}
