/// One entry of an SNI map: the name a client sends (or `.example.com` for its
/// subdomains, as Postfix looks them up) and the files served to it, each key followed by
/// its certificate and issuers, as in `smtpd_tls_chain_files`.
public struct SNIEntry: Equatable, Sendable {
    /// The lookup key as written (`mail.example.com`, `.example.com`).
    public let name: String
    /// The files, in order.
    public let files: [String]
    /// The line of the source file the entry starts on (from 1); 0 for an inline table.
    public let line: Int

    /// True when `serverName` (what a client sends) finds this entry: the name itself, or a
    /// `.parent` entry for any subdomain (not the parent itself), case-insensitively.
    public func matches(_ serverName: String) -> Bool {
        let sent = serverName.lowercased(), key = name.lowercased()
        return key.hasPrefix(".") ? sent.hasSuffix(key) && sent.count > key.count : sent == key
    }
}

/// The entries of an SNI map's source, as Postfix's table format has them: `key value`
/// lines, `#` comments, blank lines, and a line that starts with white space continuing
/// the one before. Lines are kept, so an entry can be changed in place.
public struct SNIMapSource: Equatable, Sendable {
    /// The entries, in file order.
    public let entries: [SNIEntry]

    /// Reads the text of a `hash:`/`texthash:` source file. White space is Postfix's own
    /// (ASCII), and the text is read as bytes: a hosting server's map has 10,000 lines.
    public init(text: String) {
        var entries: [SNIEntry] = []
        var current: (name: String, value: String, line: Int)?
        func finish() {
            if let entry = current { entries.append(SNIEntry(name: entry.name, files: Self.files(entry.value), line: entry.line)) }
            current = nil
        }
        let bytes = Array(text.utf8)
        var start = 0
        var number = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            number += 1
            let trimmed = Self.trimmed(line)
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            if let first = line.first, first == 32 || first == 9 {
                current?.value += " " + String(decoding: trimmed, as: UTF8.self)
                continue
            }
            finish()
            let keyEnd = trimmed.firstIndex(where: Self.isSpace) ?? trimmed.endIndex
            current = (String(decoding: trimmed[..<keyEnd], as: UTF8.self), String(decoding: Self.trimmed(trimmed[keyEnd...]), as: UTF8.self), number)
        }
        finish()
        self.entries = entries
    }

    /// Postfix's white space: space, tab, and the line and page breaks.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    /// Reads an inline table's text: `{ name = file, file }, name2 = file` (Postfix 3.7 wants the
    /// braces around a value that holds several files).
    public init(inline text: String) {
        var entries: [SNIEntry] = []
        var depth = 0
        var item = ""
        for character in text + "," {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if character == ",", depth == 0 {
                var body = item.trimmingWhitespace()
                if body.hasPrefix("{"), body.hasSuffix("}") { body = String(body.dropFirst().dropLast()).trimmingWhitespace() }
                if let equals = body.firstIndex(of: "=") {
                    let name = String(body[..<equals]).trimmingWhitespace()
                    let value = String(body[body.index(after: equals)...]).trimmingWhitespace()
                    if !name.isEmpty { entries.append(SNIEntry(name: name, files: Self.files(value), line: 0)) }
                }
                item = ""
            } else {
                item.append(character)
            }
        }
        self.entries = entries
    }

    /// The entry a client sending `serverName` gets: the exact name first, then the nearest
    /// `.parent` entry (Postfix tries the name, then its parent domains in turn).
    public func entry(for serverName: String) -> SNIEntry? {
        Self.lookupForms(of: serverName).lazy.compactMap { form in entries.first { $0.name.lowercased() == form } }.first
    }

    /// The keys Postfix looks `serverName` up by, in order: the name, then each parent
    /// domain as `.example.com`, lower-cased.
    public static func lookupForms(of serverName: String) -> [String] {
        let labels = serverName.lowercased().split(separator: ".")
        return [serverName.lowercased()] + labels.indices.dropFirst().map { "." + labels[$0...].joined(separator: ".") }
    }

    /// A value's files: separated by commas and/or white space.
    static func files(_ value: String) -> [String] {
        value.utf8.split(whereSeparator: { $0 == UInt8(ascii: ",") || isSpace($0) }).map { String(decoding: $0, as: UTF8.self) }
    }
}
