/// What `check` says about each probe: the served leaf against the files (a stale one
/// names the listener, the name sent and the key type), a chain served without its
/// intermediates, a handshake that failed, and probes the deadline cut short.
extension TLSAudit {
    /// The findings of one probe made; `reload` is the command that reloads the instance.
    func findings(of probe: ListenerProbe, reload: String) -> [Finding] {
        let service = probe.service
        let place = Self.place(of: probe)
        let address = service.host.contains(":") ? "[\(service.host)]:\(service.port ?? 0)" : "\(service.host):\(service.port ?? 0)"
        switch probe.result {
        case nil:
            return []
        case .served(let chain)?:
            guard let leaf = probe.expected.first else { return [] }
            if chain.first?.isSame(as: leaf) == true {
                return ServedChain(trustStore: trustStore, privateCA: privateCA).finding(place: place, served: chain, installed: probe.expected).map { [$0] } ?? []
            }
            let hint = probe.map.map { map in
                map.isIndexed ? Catalog.text("check.sni.staleIndexedHint", ["command": SafeText.escape("postmap -F \(map.type):\(map.name)")])
                    : Catalog.text("check.sni.staleReloadHint", ["map": SafeText.escape("\(map.type):\(map.name)"), "command": reload])
            } ?? Catalog.text("finding.staleServedCertificate.hint", ["address": SafeText.escape(address), "port": "\(service.port ?? 0)",
                                                                  "command": reload])
            return [Finding(.staleServedCertificate, .error, file: nil,
                            message: Catalog.text("finding.staleServedCertificate.message", ["place": place, "servedSha256": chain.first?.sha256FingerprintText ?? "?",
                                                                                              "diskSha256": leaf.sha256FingerprintText]),
                            hint: hint)]
        case .failed(let reason, _, let unreachable)?:
            let hint = probe.map.map { map in
                Catalog.text("check.sni.handshakeHint", ["entry": SafeText.escape(probe.entry ?? ""), "map": SafeText.escape("\(map.type):\(map.name)")])
            } ?? (unreachable ? Catalog.text("finding.tlsHandshakeFailed.unreachableHint", ["address": SafeText.escape(address), "port": "\(service.port ?? 0)"])
                  : Catalog.text("finding.tlsHandshakeFailed.hint", ["command": reload]))
            return [Finding(.tlsHandshakeFailed, .error, file: nil, message: Catalog.text("check.listener.failed", ["place": place, "reason": reason]), hint: hint)]
        }
    }

    /// `probes-unfinished` when the deadline left probes unmade or unfinished.
    func unfinished(_ probes: [ListenerProbe], deadline: Duration) -> [Finding] {
        let missing = probes.filter { $0.result == nil }.count
        guard missing > 0 else { return [] }
        return [Finding(.probesUnfinished, .warning, file: nil,
                        message: Catalog.text("check.probes.unfinished", ["count": "\(missing)", "total": "\(probes.count)", "seconds": "\(deadline.components.seconds)"]),
                        hint: Catalog.text("check.probes.unfinished.hint"))]
    }

    /// The listener as `check` names it, with the name sent and the key type the client accepts.
    static func place(of probe: ListenerProbe) -> String {
        let service = probe.service
        let place = Catalog.text("check.listener", ["service": SafeText.escape(service.name), "host": service.host, "port": "\(service.port ?? 0)",
                                                    "mode": service.mode.label])
        let name = probe.serverName.map { sent in
            let shown = SafeText.escape(sent)
            guard let entry = probe.entry, entry.lowercased() != sent.lowercased() else { return shown }
            return Catalog.text("check.sni.nameOfEntry", ["name": shown, "entry": SafeText.escape(entry)])
        }
        switch (name, probe.keyType) {
        case (nil, nil): return place
        case (nil, let type?): return Catalog.text("check.place.keyType", ["place": place, "type": type.rawValue])
        case (let name?, nil): return Catalog.text("check.place.name", ["place": place, "name": name])
        case (let name?, let type?): return Catalog.text("check.place.nameKeyType", ["place": place, "name": name, "type": type.rawValue])
        }
    }
}

extension FindingCode {
    /// Probes the overall deadline left unmade or unfinished: what they would have compared is unknown.
    public static let probesUnfinished: FindingCode = "probes-unfinished"
}
