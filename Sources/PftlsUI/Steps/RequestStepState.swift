import PftlsCore

/// "I have no certificate yet": the names, the key type and where the key and CSR go.
public struct RequestStepState {
    /// What has the keyboard.
    public enum Focus: Int, CaseIterable { case names, keyType, directory, create }

    public var focus: Focus = .names
    /// The names, separated by spaces or commas; the first is the common name.
    public var names = TextField()
    public var keyType: RequestMaker.KeyType = .ecP256
    public var directory = TextField()
    /// True while the key and CSR are being made.
    public var busy = false

    /// Fills in the proposals (myhostname, a root-only directory) unless the user typed already.
    mutating func propose(names proposed: [String], directory proposedDirectory: String) {
        let usable = proposed.filter(RequestMaker.isHostName).reduce(into: [String]()) { list, name in if !list.contains(name) { list.append(name) } }
        if names.value.isEmpty, !usable.isEmpty { names.set(usable.joined(separator: " ")) }
        if directory.value.isEmpty { directory.set(proposedDirectory) }
    }

    /// The names typed, in order.
    var nameList: [String] {
        names.value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }

    /// Why the request cannot be made yet, or nil.
    var problem: String? {
        let list = nameList
        if list.isEmpty { return Catalog.text("csr.no-name") }
        if let bad = list.first(where: { !RequestMaker.isHostName($0) }) {
            return Catalog.text("csr.bad-name", ["name": SafeText.escape(bad)])
        }
        return nil
    }

    mutating func edit(_ key: Key) {
        if focus == .names { _ = names.edit(key) } else if focus == .directory { _ = directory.edit(key) }
    }

    mutating func moveFocus(_ delta: Int) {
        let count = Focus.allCases.count
        focus = Focus(rawValue: (focus.rawValue + delta + count) % count) ?? .names
    }

    mutating func cycleKeyType(_ delta: Int) {
        let all = RequestMaker.KeyType.allCases
        keyType = all[((all.firstIndex(of: keyType) ?? 0) + delta + all.count) % all.count]
    }
}
