/// The entries of the SNI maps one listener uses, looked up as Postfix's SNI callback
/// does (tls_server.c): the name sent, then each parent domain in the form `.example.com`,
/// each form tried in every map in order before the next form; case-insensitive.
/// A dictionary, so that probing 10,000 names costs 10,000 lookups, not 10,000 scans.
struct SNINameIndex {
    private var byKey: [String: SNIEntryReport] = [:]
    /// One entry per lookup key, in map order then source order: the one Postfix finds.
    private(set) var entries: [SNIEntryReport] = []

    /// The index of `maps`, in the order the listener's `tls_server_sni_maps` lists them.
    init(_ maps: [SNIMapReport]) {
        for entry in maps.flatMap(\.entries) where byKey[entry.entry.name.lowercased()] == nil {
            byKey[entry.entry.name.lowercased()] = entry
            entries.append(entry)
        }
    }

    /// The entry a client sending `serverName` gets; nil: the default pairs.
    func entry(for serverName: String) -> SNIEntryReport? {
        var form = Substring(serverName.lowercased())
        while true {
            if let found = byKey[String(form)] { return found }
            guard let dot = form.dropFirst().firstIndex(of: ".") else { return nil }
            form = form[dot...]
        }
    }
}

/// The SNI name index of each listener: main.cf's maps, or the service's own when its
/// master.cf entry sets `-o tls_server_sni_maps` (even to nothing).
struct SNIIndexes {
    private let main: SNINameIndex
    private let byService: [String: SNINameIndex]

    /// The indexes of `maps` for the smtpd services of `setup`.
    init(maps: [SNIMapReport], setup: TLSSetupInForce) {
        main = SNINameIndex(maps.filter { $0.map.service == nil })
        var byService: [String: SNINameIndex] = [:]
        for entry in setup.master.services where entry.service.command == "smtpd" && entry.service.option("tls_server_sni_maps") != nil {
            let name = entry.service.name
            byService[name] = SNINameIndex(maps.filter { $0.map.service == name })
        }
        self.byService = byService
    }

    /// The index `service` looks names up in (nil: main.cf's).
    func index(for service: ServiceTLS?) -> SNINameIndex {
        service.flatMap { byService[$0.name] } ?? main
    }
}
