import PftlsCore

/// The parts of `check`'s text report on what the server presents: the default pairs per
/// key type, the SNI maps (a count and the entries with problems, never every entry), and
/// a listener's SNI probes in one line.
enum CheckPresentationText {
    /// The most entry names a map's line lists; the rest are counted.
    static let namesShown = 10

    /// `Keys:` and one line per default pair.
    static func keys(_ pairs: [PresentedPair]) -> [String] {
        guard !pairs.isEmpty else { return [] }
        return [Catalog.text("check.keys.heading")] + pairs.map { pair in
            let type = DisplayWidth.pad(pair.keyType?.rawValue ?? "?", to: 6)
            let files = pair.files.map(SafeText.escape).joinedAsList()
            guard let leaf = pair.leaf else { return "  " + Catalog.text("check.keys.noCertificate", ["type": type, "files": files]) }
            return "  " + Catalog.text("check.keys.line", ["type": type, "subject": leaf.subject, "notAfter": UTCTimestamp.format(leaf.notAfter), "files": files])
        }
    }

    /// `SNI maps:` and per map its entry count and the entries with problems.
    static func maps(_ maps: [SNIMapReport]) -> [String] {
        guard !maps.isEmpty else { return [] }
        return [Catalog.text("check.sni.heading")] + maps.flatMap { report -> [String] in
            let map = report.map
            let scope = map.service.map { Catalog.text("check.sni.scopeService", ["service": SafeText.escape($0)]) } ?? Catalog.text("check.sni.scopeMain")
            if map.problem != nil { return ["  " + Catalog.text("check.sni.mapUnreadable", ["map": map.label, "scope": scope])] }
            guard map.source != nil else { return ["  " + Catalog.text("check.sni.mapNotListed", ["map": map.label, "scope": scope])] }
            let count = report.entries.count
            let line = "  " + (count == 1 ? Catalog.text("check.sni.mapEntries.one", ["map": map.label, "scope": scope])
                                          : Catalog.text("check.sni.mapEntries.count", ["map": map.label, "scope": scope, "count": "\(count)"]))
            let troubled = report.entries.filter(\.hasProblems).map { SafeText.escape($0.entry.name) }
            guard !troubled.isEmpty else { return [line] }
            let shown = troubled.prefix(namesShown).joinedAsList()
            let names = troubled.count > namesShown
                ? Catalog.text("check.sni.problemEntriesMore", ["names": shown, "count": "\(troubled.count - namesShown)"])
                : Catalog.text("check.sni.problemEntries", ["names": shown])
            return [line, "    " + names]
        }
    }

    /// The line under a listener that sums up its SNI probes; nil when it made none.
    static func sniProbes(of service: ServiceTLS, in probes: [ListenerProbe]) -> String? {
        let named = probes.filter { $0.service == service && $0.serverName != nil }
        guard !named.isEmpty else { return nil }
        let good = named.filter { $0.servesItsFiles == true }.count
        let bad = named.filter { $0.servesItsFiles == false }.count
        let unmade = named.filter { $0.result == nil }.count
        return "    " + Catalog.text("check.sni.listenerProbes", ["count": "\(named.count)", "good": "\(good)", "bad": "\(bad)", "unmade": "\(unmade)"])
    }
}
