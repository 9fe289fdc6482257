/// `check` on one SNI map in force: its entries read pair by pair, or why they could not
/// be listed, with every finding.
public struct SNIMapReport {
    /// The map, where it is set and its source as read.
    public let map: SNIMapInUse
    /// The entries in source order (none when the map could not be read or lists patterns).
    public let entries: [SNIEntryReport]
    /// What is wrong with the map and its entries.
    public let findings: [Finding]

    /// The map as main.cf names it.
    public var label: String { map.label }
}

extension SNIMapInUse {
    /// `hash:/etc/postfix/sni`, as main.cf names it (an inline table's text shortened), for display.
    public var label: String {
        let name = reference.type == "inline" ? "{ \(reference.name) }" : reference.name
        return SafeText.escape(reference.type + ":" + (name.count > 60 ? String(name.prefix(60)) + "..." : name))
    }
}

extension TLSAudit {
    /// Audits every map in force, each table once however many services name it: the
    /// source read (`problem` when not), a regexp or pcre table said to be unlisted, and
    /// for the others each entry's files and the database (`SNIMapAudit`).
    func audit(maps: [SNIMapInUse], expiry: ExpiryThresholds, configDirectory: String) -> [SNIMapReport] {
        var done: [String: SNIMapReport] = [:]
        return maps.map { map in
            // A table two services name is read once; its findings are reported once.
            if let seen = done[map.reference.type + ":" + map.reference.name] { return SNIMapReport(map: map, entries: seen.entries, findings: []) }
            let report = audit(map: map, expiry: expiry, configDirectory: configDirectory)
            done[map.reference.type + ":" + map.reference.name] = report
            return report
        }
    }

    private func audit(map: SNIMapInUse, expiry: ExpiryThresholds, configDirectory: String) -> SNIMapReport {
        if let problem = map.problem { return SNIMapReport(map: map, entries: [], findings: [problem]) }
        guard let source = map.source else {
            return SNIMapReport(map: map, entries: [], findings: [
                Finding(.sniMapUnlisted, .info, file: map.reference.type == "inline" ? nil : map.reference.name,
                        message: Catalog.text("check.sni.mapUnlisted", ["map": map.label, "type": map.reference.type]),
                        hint: Catalog.text("check.sni.mapUnlisted.hint")),
            ])
        }
        var auditor = SNIMapAudit(fileSystem: fileSystem, inspector: inspector)
        auditor.configDirectory = configDirectory
        let audited = auditor.audit(map: map.reference, source: source, expiry: expiry, privateCA: privateCA)
        return SNIMapReport(map: map, entries: audited.entries, findings: audited.findings)
    }
}

extension FindingCode {
    /// An SNI map whose names cannot be listed (regexp, pcre, a database served by a daemon):
    /// its entries are neither checked nor probed.
    public static let sniMapUnlisted: FindingCode = "sni-map-unlisted"
}

extension ServerPresentation {
    /// The default pairs' files in load order, each once.
    public var files: [String] {
        pairs.flatMap(\.files).reduce(into: [String]()) { list, file in if !list.contains(file) { list.append(file) } }
    }
}
