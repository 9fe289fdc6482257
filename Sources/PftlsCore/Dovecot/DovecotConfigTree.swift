/// One section of Dovecot's configuration as `doveconf` prints it: its settings in
/// order and its nested sections (`service imap-login { inet_listener imaps { … } }`,
/// `local_name mail.example.com { … }`, 2.4's `ssl_server { … }`).
public struct DovecotSection: Equatable, Sendable {
    /// The section's kind (`service`, `inet_listener`, `local_name`); empty at the top.
    public let kind: String
    /// The section's name, unquoted (`imap-login`, `mail.example.com`); nil when it has none.
    public let name: String?
    /// `key = value` lines in order, values as printed (a leading `<` kept).
    public var settings: [(key: String, value: String)] = []
    /// Nested sections in order.
    public var sections: [DovecotSection] = []

    /// Creates an empty section.
    public init(kind: String, name: String?) {
        self.kind = kind
        self.name = name
    }

    /// The last value of `key` in this section itself (not in nested ones).
    public func value(_ key: String) -> String? {
        settings.last { $0.key == key }?.value
    }

    /// The nested sections of `kind`.
    public func sections(_ kind: String) -> [DovecotSection] {
        sections.filter { $0.kind == kind }
    }

    public static func == (lhs: DovecotSection, rhs: DovecotSection) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.sections == rhs.sections
            && lhs.settings.map(\.key) == rhs.settings.map(\.key) && lhs.settings.map(\.value) == rhs.settings.map(\.value)
    }
}

/// Reads the text `doveconf` prints (`doveconf -n`, `doveconf service/imap-login`) into
/// sections. Comment lines are skipped; the first one, `# 2.3.19.1 (9b53102964):
/// /etc/dovecot/dovecot.conf`, gives the version and the file (`DovecotConfigHeader`).
public enum DovecotConfigOutput {
    /// The top-level section of `text`. Lines that are neither a setting, a section's
    /// start nor its end are ignored: doveconf prints nothing else.
    public static func parse(_ text: String) -> DovecotSection {
        var stack = [DovecotSection(kind: "", name: nil)]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line == "}" {
                guard stack.count > 1 else { continue }
                let closed = stack.removeLast()
                stack[stack.count - 1].sections.append(closed)
            } else if line.hasSuffix("{"), !line.contains("=") {
                let head = String(line.dropLast()).trimmingWhitespace()
                let kind = head.prefix { $0 != " " && $0 != "\t" }
                let rest = String(head.dropFirst(kind.count)).trimmingWhitespace()
                stack.append(DovecotSection(kind: String(kind), name: rest.isEmpty ? nil : unquoted(rest)))
            } else if let equals = line.firstIndex(of: "=") {
                let key = String(line[..<equals]).trimmingWhitespace()
                let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
                stack[stack.count - 1].settings.append((key: key, value: value))
            }
        }
        while stack.count > 1 {
            let open = stack.removeLast()
            stack[stack.count - 1].sections.append(open)
        }
        return stack[0]
    }

    /// `text` without one pair of surrounding double quotes.
    public static func unquoted<S: StringProtocol>(_ text: S) -> String {
        let string = String(text)
        guard string.count >= 2, string.hasPrefix("\""), string.hasSuffix("\"") else { return string }
        return String(string.dropFirst().dropLast())
    }
}
