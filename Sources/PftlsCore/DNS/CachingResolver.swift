import FoundationEssentials
import Glibc

/// Asks another resolver once per name and type, and remembers the answer (or the
/// failure) for the life of the command or the wizard.
public final class CachingResolver: DNSResolving, @unchecked Sendable {
    private let upstream: DNSResolving
    private let lock = Lock()
    private var answers: [String: Result<DNSAnswer, DNSFailure>] = [:]

    /// Wraps `upstream`.
    public init(_ upstream: DNSResolving) { self.upstream = upstream }

    public func lookup(_ name: String, type: DNSRecordType) -> Result<DNSAnswer, DNSFailure> {
        let key = "\(type.rawValue) \(name.lowercased())"
        if let known = lock.withLock({ answers[key] }) { return known }
        let answer = upstream.lookup(name, type: type)
        lock.withLock { answers[key] = answer }
        return answer
    }
}
