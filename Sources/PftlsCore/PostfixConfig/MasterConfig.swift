/// master.cf as a list of lines that can be edited without disturbing the rest.
///
/// `render()` of an unedited parse returns the input byte for byte. Services are found
/// by `ServiceKey`; when several active entries share a key the last one is the one
/// Postfix uses, and the one edits change.
public struct MasterConfig: Equatable, Sendable {
    var text: ConfigText {
        didSet { parsed = ParsedEntries() }
    }
    /// The entries of `text`, tokenized the first time they are needed after a change:
    /// a plan asks for services many times over one master.cf.
    private var parsed = ParsedEntries()

    public static func == (lhs: MasterConfig, rhs: MasterConfig) -> Bool { lhs.text == rhs.text }

    /// Parses master.cf contents. Never fails: lines Postfix would reject are kept as they are.
    public init(parsing contents: String) {
        text = ConfigText(parsing: contents)
    }

    /// Parses master.cf as read from disk.
    public init(bytes: [UInt8]) {
        text = ConfigText(bytes: bytes)
    }

    /// The file contents, including every edit made so far.
    public func render() -> String {
        text.render()
    }

    /// The unified diff from `original` (the file as read, before the edits) to this one.
    public func diff(from original: MasterConfig, oldLabel: String, newLabel: String) -> String {
        text.diff(from: original.text, oldLabel: oldLabel, newLabel: newLabel)
    }

    /// The file contents as bytes.
    public func renderBytes() -> [UInt8] {
        text.renderBytes()
    }

    /// The active, well-formed services in file order.
    public var services: [MasterServiceEntry] {
        entries().compactMap { entry in
            entry.service.map { MasterServiceEntry(service: $0, lineNumber: entry.logical.head + 1) }
        }
    }

    /// The service Postfix uses for `key` (the last active entry), or nil.
    public func service(_ key: ServiceKey) -> MasterService? {
        activeEntries(matching: key).last?.service
    }

    /// Appends `service` in the standard layout. Throws when an active entry with the
    /// same key exists: use `replace` for that.
    public mutating func add(_ service: MasterService) throws {
        guard activeEntries(matching: service.key).isEmpty else { throw PostfixConfigError.serviceExists(service.key) }
        text.append(try service.renderedLines())
    }

    /// Rewrites the entry Postfix uses for `key` as `service`, in the standard layout, where it stands.
    public mutating func replace(_ key: ServiceKey, with service: MasterService) throws {
        let entry = try lastActiveEntry(matching: key)
        try rewrite(entry, as: service)
    }

    /// Every logical line, parsed.
    func entries() -> [MasterEntry] {
        parsed.entries { text.logicalLines().map { MasterEntry($0, in: text) } }
    }

    /// The well-formed active entries for `key`, in file order.
    func activeEntries(matching key: ServiceKey) -> [MasterEntry] {
        entries().filter { $0.service != nil && $0.key == key }
    }

    /// The entry Postfix uses for `key`; throws when there is none.
    func lastActiveEntry(matching key: ServiceKey) throws -> MasterEntry {
        guard let entry = activeEntries(matching: key).last else { throw PostfixConfigError.serviceNotFound(key) }
        return entry
    }

    /// Replaces the lines of `entry` with `service` in the standard layout, keeping the
    /// entry's continuation indentation. Comment lines inside the entry are kept after it.
    mutating func rewrite(_ entry: MasterEntry, as service: MasterService) throws {
        let lines = try service.renderedLines(indentation: entry.continuationIndentation(in: text))
        text.removeLines(at: entry.logical.lineIndices)
        text.insert(lines, at: entry.logical.head)
    }
}

/// Entries parsed once and shared by the copies of one unchanged master.cf.
private final class ParsedEntries: @unchecked Sendable {
    private let lock = Lock()
    private var entries: [MasterEntry]?

    func entries(_ parse: () -> [MasterEntry]) -> [MasterEntry] {
        lock.withLock {
            if let entries { return entries }
            let fresh = parse()
            entries = fresh
            return fresh
        }
    }
}
