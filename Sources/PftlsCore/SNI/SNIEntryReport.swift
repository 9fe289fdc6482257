/// One SNI map entry as `check` read it: its pairs in load order (one per key type when
/// configured well) and what is wrong with it.
public struct SNIEntryReport {
    /// The entry as the map source lists it.
    public let entry: SNIEntry
    /// The map that lists it.
    public let map: SNIMapReference
    /// The pairs its files hold, as Postfix reads them: key, then its chain.
    public let pairs: [PresentedPair]
    /// The entry's findings, each naming it.
    public let findings: [Finding]

    /// The key types it presents, in report order.
    public var keyTypes: [ServerKeyType] { pairs.keyTypes }

    /// The pair a client restricted to `type` gets.
    public func pair(of type: ServerKeyType) -> PresentedPair? { pairs.first { $0.keyType == type } }

    /// True when a finding about it is a warning or an error.
    public var hasProblems: Bool { findings.contains { $0.severity > .info } }
}

extension SNIEntry {
    /// The server name a client sends to reach this entry: the name itself, or for a
    /// `.example.com` entry a made-up subdomain, `pftls-check.example.com`.
    public var probeName: String { ServeProof.serverName(forMapKey: name) }

    /// What is wrong with the entry as written: no files at all (the lookup gives nothing
    /// to load, and the handshake for the name fails), or a `*.` wildcard, which Postfix
    /// reads as a literal name that no client sends (`.example.com` is its syntax).
    func syntaxFindings(map: SNIMapReference) -> [Finding] {
        guard files.isEmpty || self.name.hasPrefix("*.") else { return [] }
        let file = map.type == "inline" ? nil : map.name
        let name = SafeText.escape(self.name)
        if files.isEmpty {
            return [Finding(.sniEntryInvalid, .error, file: file, message: Catalog.text("check.sni.entryNoFiles", ["name": name]),
                            hint: Catalog.text("check.sni.entryNoFiles.hint", ["name": name]))]
        }
        return [Finding(.sniEntryInvalid, .warning, file: file, message: Catalog.text("check.sni.entryWildcard", ["name": name]),
                        hint: Catalog.text("check.sni.entryWildcard.hint", ["parent": SafeText.escape(String(self.name.dropFirst()))]))]
    }
}

extension FindingCode {
    /// An SNI map entry Postfix cannot use as written: no files, or a `*.` wildcard key.
    public static let sniEntryInvalid: FindingCode = "sni-entry-invalid"
}
