/// A resolver that answers from a table instead of the network: for tests, and for
/// callers that already hold the answers.
public struct TableResolver: DNSResolving {
    /// Records by `"TYPE NAME"`, e.g. `"mx example.test"`.
    public var records: [String: [DNSRecord]] = [:]
    /// Whether answers carry the AD bit.
    public var authenticated = false
    /// Names whose lookups fail, as a resolver that does not answer.
    public var failing: Set<String> = []

    /// An empty table: every name exists with no records.
    public init() {}

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        if failing.contains(name) { return .failure(DNSFailure(name: name, reason: "timed out")) }
        return .success(DNSAnswer(records: records["\(type) \(name)"] ?? [], authenticated: authenticated))
    }

    /// Adds a record of `type` at `name`.
    public mutating func add(_ name: String, _ type: DNSRecordType, _ record: DNSRecord) {
        records["\(type) \(name)", default: []].append(record)
    }

    /// Publishes a TLSA record at `_25._tcp.NAME`.
    public mutating func tlsa(_ name: String, _ record: TLSARecord, ttl: UInt32 = 3600) {
        add(TLSAPublication.owner(of: name), .tlsa, DNSRecord(ttl: ttl, data: [record.usage, record.selector, record.matchingType] + record.data))
    }

    /// `domain`'s MX is `host`, whose IPv4 address is `address`.
    public mutating func mailHost(_ domain: String, _ host: String, address: [UInt8]) {
        add(domain, .mx, DNSRecord(ttl: 300, data: [], preference: 10, target: host + "."))
        add(host, .a, DNSRecord(ttl: 300, data: address))
    }
}
