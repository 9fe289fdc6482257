/// A resolver that has put a batch of questions at once, each on a thread of its own, and
/// answers them from what came back; any other question goes to the resolver it wraps.
///
/// The mail-name search reads its answers one by one, in the order it always did (and stops
/// at the first that got none), but waits for a round trip per batch instead of per lookup:
/// ten lookups to a resolver 20 ms away took 200 ms one after another.
struct AskedAheadResolver: DNSResolving {
    private let resolver: DNSResolving
    private let asked: [String: AskedOnce<Result<DNSAnswer, DNSFailure>>]

    /// Puts `questions` (name and type) to `resolver` now; a name asked twice is asked once.
    init(_ resolver: DNSResolving, asking questions: [(name: String, type: DNSRecordType)]) {
        self.resolver = resolver
        var asked: [String: AskedOnce<Result<DNSAnswer, DNSFailure>>] = [:]
        for (name, type) in questions where asked[Self.key(name, type)] == nil {
            asked[Self.key(name, type)] = AskedOnce.startingNow { resolver.lookup(name, type: type) }
        }
        self.asked = asked
    }

    func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        asked[Self.key(name, type)]?.value ?? resolver.lookup(name, type: type)
    }

    private static func key(_ name: String, _ type: DNSRecordType) -> String { "\(type.rawValue) \(name.lowercased())" }
}
