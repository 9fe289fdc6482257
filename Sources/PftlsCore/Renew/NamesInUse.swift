/// The names clients reach this Postfix by: the DNS and IP names of the certificate
/// in use, myhostname, and the other names given with `--name`.
public struct NamesInUse: Sendable, Equatable {
    /// Each name once, in that order (not escaped: show them through `SafeText.escape`).
    public let names: [String]

    /// The names from the certificate in use (nil when none is readable), myhostname and `others`.
    public init(leaf: Certificate?, hostname: String?, others: [String]) {
        let fromLeaf = (leaf?.subjectAlternativeNames ?? []).compactMap(Self.value(ofEntry:))
        var seen = Set<String>()
        names = (fromLeaf + [hostname].compactMap { $0 } + others)
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    /// The first name in use `certificate` covers, or nil when it covers none of them.
    public func firstCovered(by certificate: Certificate) -> String? {
        names.first { certificate.covers(name: $0) }
    }

    /// The name of a `DNS:` or `IP:` subjectAltName entry; nil for other kinds.
    static func value(ofEntry entry: String) -> String? {
        for prefix in ["DNS:", "IP:"] where entry.hasPrefix(prefix) { return String(entry.dropFirst(prefix.count)) }
        return nil
    }
}

extension Certificate {
    /// True when the certificate covers `name`: by the RFC 6125 check (wildcards, IP
    /// addresses), or by naming it as it is — a wildcard name covers itself.
    public func covers(name: String) -> Bool { coverage()(name) }

    /// `covers(name:)` for many names: the subjectAltNames are read once.
    public func coverage() -> (String) -> Bool {
        let named = Set(subjectAlternativeNames.compactMap { NamesInUse.value(ofEntry: $0)?.lowercased() })
        return { name in named.contains(name.lowercased()) || self.matches(hostname: name) }
    }
}
