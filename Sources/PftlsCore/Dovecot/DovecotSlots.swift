/// Which of Dovecot's two pairs (`ssl_cert`/`ssl_key`, and `ssl_alt_cert`/`ssl_alt_key`
/// for a second key type) each new pair of a change takes, so that Dovecot serves what
/// Postfix serves: a renewal of one key type replaces that type's pair and keeps the other.
enum DovecotSlots {
    /// One of Dovecot's pairs as it is: its key type, nil when it has none or it cannot be read.
    struct Current: Equatable {
        var primary: ServerKeyType?
        var alternate: ServerKeyType?
    }

    /// For each of `newTypes` (the change's first pair, then its second), true for the
    /// alternate pair, false for the first. A pair of Dovecot's whose type Postfix keeps
    /// serving (`keptTypes`) stays; the others may be replaced. A new pair takes the pair
    /// of its own type, else a replaceable one (the first pair before the alternate).
    static func assign(_ newTypes: [ServerKeyType?], current: Current, keptTypes: Set<ServerKeyType>) -> [Bool] {
        var primaryFree = !(current.primary.map(keptTypes.contains) ?? false)
        var alternateFree = !(current.alternate.map(keptTypes.contains) ?? false)
        var slots: [Bool?] = newTypes.map { type in
            if primaryFree, type != nil, current.primary == type {
                primaryFree = false
                return false
            }
            if alternateFree, type != nil, current.alternate == type {
                alternateFree = false
                return true
            }
            return nil
        }
        for index in slots.indices where slots[index] == nil {
            if primaryFree {
                (slots[index], primaryFree) = (false, false)
            } else if alternateFree {
                (slots[index], alternateFree) = (true, false)
            } else {
                // Both pairs kept (a third key type): the one this change has not taken, the first pair if neither.
                slots[index] = slots.contains(false)
            }
        }
        return slots.map { $0 ?? false }
    }
}
