import PftlsCore

/// "I have no certificate yet": the names, the key type and where the key and CSR go.
public struct RequestStepState {
    /// What has the keyboard.
    public enum Focus: Int, CaseIterable { case names, keyType, directory, create }

    public var focus: Focus = .names
    /// The names, separated by spaces or commas; the first is the common name.
    public var names = TextField()
    public var keyType: RequestMaker.KeyType = .ecP256
    /// The key type highlighted in its radio list (Space chooses it).
    public var keyTypeCursor = 0
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

    /// Tab: the next field; in the key types, the highlight starts on the chosen one.
    mutating func moveFocus(_ delta: Int) {
        let count = Focus.allCases.count
        focus = Focus(rawValue: (focus.rawValue + delta + count) % count) ?? .names
        keyTypeCursor = RequestMaker.KeyType.allCases.firstIndex(of: keyType) ?? 0
    }

    /// ↑↓: through the key types as through any radio list, and on to the next field.
    mutating func moveThrough(_ delta: Int) {
        let count = RequestMaker.KeyType.allCases.count
        if focus == .keyType, let target = RadioList.step(keyTypeCursor, by: delta, count: count) {
            keyTypeCursor = target
            return
        }
        moveFocus(delta > 0 ? 1 : -1)
        if focus == .keyType { keyTypeCursor = RadioList.entry(by: delta, count: count) }
    }

    /// ←→: along the key types.
    mutating func moveAlongKeyTypes(_ delta: Int) {
        keyTypeCursor = RadioList.along(keyTypeCursor, by: delta, count: RequestMaker.KeyType.allCases.count)
    }

    /// Space (or Enter on a type not chosen yet): chooses the highlighted key type.
    /// Returns false when it was chosen already.
    @discardableResult
    mutating func chooseKeyType() -> Bool {
        let highlighted = RequestMaker.KeyType.allCases[keyTypeCursor]
        defer { keyType = highlighted }
        return keyType != highlighted
    }
}
