/// An SNI map a Postfix instance uses: its reference, where it is set, and its source as read.
public struct SNIMapInUse: Sendable {
    /// The table, as main.cf or a master.cf `-o` names it.
    public let reference: SNIMapReference
    /// The master.cf service whose `-o tls_server_sni_maps` sets it; nil: main.cf.
    public let service: String?
    /// The source file as read (nil for an inline table, or when it could not be read).
    public let file: ConfigFileSnapshot?
    /// The entries, when the table lists names (not a regexp or pcre table) and was read.
    public let source: SNIMapSource?
    /// Why the source could not be read.
    public let problem: Finding?

    /// Reads the source of `reference` (an inline table is its own source).
    public init(_ reference: SNIMapReference, service: String?, fileSystem: FileSystem) {
        self.reference = reference
        self.service = service
        guard reference.listsNames else {
            (file, source, problem) = (nil, nil, nil)
            return
        }
        guard reference.type != "inline" else {
            (file, source, problem) = (nil, SNIMapSource(inline: reference.name), nil)
            return
        }
        do {
            let read = try ConfigFileSnapshot.read(reference.name, fileSystem: fileSystem)
            (file, source, problem) = (read, SNIMapSource(text: String(decoding: read.bytes, as: UTF8.self)), nil)
        } catch {
            (file, source, problem) = (nil, nil, error.finding)
        }
    }

    /// The tables a `tls_server_sni_maps` value lists (commas and white space between them,
    /// an inline table's braces kept whole).
    public static func references(in value: String, defaultType: String) -> [SNIMapReference] {
        var items: [String] = []
        var depth = 0
        var item = ""
        for character in value + "," {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if depth == 0 && (character == "," || character.isWhitespace) {
                if !item.isEmpty { items.append(item) }
                item = ""
            } else {
                item.append(character)
            }
        }
        return items.compactMap { SNIMapReference($0, defaultType: defaultType) }
    }
}
