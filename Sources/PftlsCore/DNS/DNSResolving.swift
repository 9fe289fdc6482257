/// The DNS record types pftls asks for.
public enum DNSRecordType: Int32, Sendable {
    case a = 1
    case mx = 15
    case aaaa = 28
    case tlsa = 52
}

/// One record of an answer: its TTL, its raw data, and for MX the preference and target.
public struct DNSRecord: Equatable, Sendable {
    public let ttl: UInt32
    public let data: [UInt8]
    public let preference: Int
    public let target: String

    /// Creates a record.
    public init(ttl: UInt32, data: [UInt8], preference: Int = 0, target: String = "") {
        self.ttl = ttl
        self.data = data
        self.preference = preference
        self.target = target
    }
}

/// What a lookup found. An empty answer means the name or the type does not exist.
public struct DNSAnswer: Equatable, Sendable {
    public let records: [DNSRecord]
    /// The resolver set the AD bit: it validated the answer with DNSSEC.
    public let authenticated: Bool

    /// Creates an answer.
    public init(records: [DNSRecord], authenticated: Bool) {
        self.records = records
        self.authenticated = authenticated
    }
}

/// Why a lookup has no answer: the resolver did not reply, failed, or lookups are off.
public struct DNSFailure: Error, Equatable, Sendable {
    /// The name asked, e.g. `_25._tcp.mail.example.com`.
    public let name: String
    /// What went wrong, for people.
    public let reason: String
}

/// Answers DNS questions. The system one asks the C library's resolver; tests may
/// pass one that answers from a table.
public protocol DNSResolving: Sendable {
    /// The records of `type` at `name`, or why there is no answer.
    func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure>

    /// This resolver with each lookup's own waiting cut to about `time`, where it can be.
    func limited(to time: Duration) -> DNSResolving
}

extension DNSResolving {
    /// A resolver that does not wait (a table) stays as it is.
    public func limited(to time: Duration) -> DNSResolving { self }
}
