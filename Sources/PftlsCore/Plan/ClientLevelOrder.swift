/// How strong each `smtp_tls_security_level` is, to tell a lowered level from a raised one.
public enum ClientLevelOrder {
    /// Weakest to strongest; levels of one rank protect differently and are not comparable.
    static let rank = ["none": 0, "may": 1, "encrypt": 2, "dane": 2, "dane-only": 3, "fingerprint": 3, "verify": 3, "secure": 4]

    /// True when `chosen` would replace a demanding level in force (encrypt, dane,
    /// dane-only, fingerprint, verify, secure) with one that is not stronger.
    public static func lowers(from current: String?, to chosen: String) -> Bool {
        guard let current, current != chosen, let old = rank[current], old >= 2 else { return false }
        return (rank[chosen] ?? 0) <= old
    }
}
