import PftlsCore

/// The parts of `check --json` on what the server presents: `keys` (the default pairs),
/// `sni` (every map with every entry) and each listener's `probes`. Keys are never translated.
enum CheckPresentationJSON {
    /// One pair: its key type, files and leaf.
    static func pair(_ pair: PresentedPair) -> JSONValue {
        ["keyType": JSONValue(pair.keyType?.rawValue), "files": .array(pair.files.map(JSONValue.string)),
         "subject": JSONValue(pair.leaf?.subject), "sha256": JSONValue(pair.leaf?.sha256FingerprintText),
         "notAfter": JSONValue(pair.leaf.map { UTCTimestamp.format($0.notAfter) }), "daysLeft": JSONValue(pair.leaf.map { $0.daysLeft() })]
    }

    /// The maps in force, each with where it is set and every entry.
    static func maps(_ maps: [SNIMapReport]) -> JSONValue {
        .array(maps.map { report in
            let map = report.map
            let entries = report.entries.map { listed -> JSONValue in
                let first = listed.pairs.first?.leaf
                return ["name": .string(listed.entry.name), "files": .array(listed.entry.files.map(JSONValue.string)),
                        "keyTypes": .array(listed.keyTypes.map { .string($0.rawValue) }),
                        "sha256": JSONValue(first?.sha256FingerprintText), "notAfter": JSONValue(first.map { UTCTimestamp.format($0.notAfter) }),
                        "keys": .array(listed.pairs.map(pair)), "problems": .bool(listed.hasProblems)]
            }
            return ["map": .string(map.reference.type + ":" + map.reference.name), "type": .string(map.reference.type),
                    "service": JSONValue(map.service), "listed": .bool(map.source != nil), "readable": .bool(map.problem == nil),
                    "entries": .array(entries)]
        })
    }

    /// Every probe of `service`: the name sent, the key type the client accepted and what was served.
    static func probes(of service: ServiceTLS, in probes: [ListenerProbe]) -> JSONValue {
        .array(probes.filter { $0.service == service }.map { probe in
            var entry: [String: JSONValue] = ["serverName": JSONValue(probe.serverName), "entry": JSONValue(probe.entry),
                                              "keyType": JSONValue(probe.keyType?.rawValue), "expected": JSONValue(probe.expected.first?.sha256FingerprintText)]
            switch probe.result {
            case .served(let chain)?: entry["served"] = .string(chain.first?.sha256FingerprintText ?? "")
            case .failed(let reason, _, _)?: entry["error"] = .string(reason)
            case nil: entry["unfinished"] = .bool(true)
            }
            return .object(entry)
        })
    }
}
