import PftlsCore

/// "I have no certificate yet": the names, the key type, where the key and CSR go and
/// the optional organisation fields.
public struct RequestStepState {
    /// What has the keyboard.
    public enum Focus: Int, CaseIterable {
        case names, keyType, directory, organization, unit, locality, state, country, create

        /// The organisation field this is, if it is one.
        var attribute: RequestSubject.Attribute? {
            switch self {
            case .organization: .organization
            case .unit: .unit
            case .locality: .locality
            case .state: .state
            case .country: .country
            default: nil
            }
        }

        /// True for the fields typed into.
        var takesText: Bool { self == .names || self == .directory || attribute != nil }
    }

    public var focus: Focus = .names
    /// The names, separated by spaces or commas; the first is the common name.
    public var names = TextField()
    public var keyType: RequestMaker.KeyType = .recommended
    /// The key type highlighted in its radio list (Space chooses it).
    public var keyTypeCursor = RequestMaker.KeyType.allCases.firstIndex(of: .recommended) ?? 0
    public var directory = TextField()
    /// Organisation, unit, locality, state and country: optional.
    public var subject = RequestSubjectFields()
    /// What to say about myhostname when it is not a fully qualified name.
    public var hostNameAdvice: String?
    /// True while the key and CSR are being made.
    public var busy = false

    /// Fills in the proposals unless the user typed already: myhostname (or, when it is
    /// not fully qualified, myhostname.mydomain, said so in `hostNameAdvice`), the MX
    /// names and the directory.
    mutating func propose(hostName: RequestDefaults.HostName, mxNames: [String], directory proposedDirectory: String) {
        var proposed = mxNames
        switch hostName {
        case .qualified(let name): proposed.insert(name, at: 0)
        case .unqualified(_, let proposal?): proposed.insert(proposal, at: 0)
        default: break
        }
        hostNameAdvice = hostName.advice(for: .wizard)
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
        if list.isEmpty { return hostNameAdvice ?? Catalog.text("request.no-name") }
        if let bad = list.first(where: { !RequestMaker.isHostName($0) }) {
            return Catalog.text("csr.bad-name", ["name": SafeText.escape(bad)])
        }
        return subject.problem
    }

    mutating func edit(_ key: Key) {
        if focus == .names { _ = names.edit(key) } else if focus == .directory { _ = directory.edit(key) }
        if let attribute = focus.attribute { _ = subject[attribute].edit(key) }
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
