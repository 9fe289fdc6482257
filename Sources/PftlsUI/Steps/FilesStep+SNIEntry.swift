import PftlsCore

/// The Files step's SNI entry: on a server with an SNI map, `s` opens the list of its
/// entries in place of the file lists, and the files chosen renew that entry instead of
/// the default certificate, which stays as it is.
extension FilesStep {
    /// True when the server has SNI entries a change can renew: main.cf's map lists some,
    /// and a set-up is in force whose default certificate stays.
    func offersSNIEntries(_ shared: StepContext) -> Bool {
        shared.canRenew && shared.summary?.sniMaps.contains { $0.service == nil && $0.source?.entries.isEmpty == false } == true
    }

    /// The entry the files renew, as the answers name it (in lower case, as `renew --sni`
    /// does); nil: the default certificate.
    func chosenSNIEntry(_ shared: StepContext) -> String? {
        offersSNIEntries(shared) ? sniEntry?.lowercased() : nil
    }

    /// The key a renewal keeps when no new key is picked: the chosen entry's (the core's
    /// choice, `RenewalRequest.answers(replacing:slot:presentation:newLeaf:)`), else the
    /// default certificate's.
    func keyInUse(_ shared: StepContext) -> String? {
        guard let entry = chosenSNIEntry(shared), let summary = shared.summary else { return shared.summary?.renewal?.privateKey }
        return summary.sniPresentation.entry(for: ServeProof.serverName(forMapKey: entry))?.entry.files.first
    }

    /// Opens the list of entries, the chosen one highlighted.
    mutating func openPicker(_ shared: StepContext) -> StepReply {
        guard offersSNIEntries(shared), let maps = shared.summary?.sniMaps else { return .nothing }
        sniPicker = SNIEntryPicker(entries: SNIEntryPicker.entries(of: maps), chosen: sniEntry, rows: Self.listRows)
        return .nothing
    }

    /// A key for the open list: a row chosen closes it, and the files are checked again
    /// (a renewal that keeps the key checks them with the entry's key).
    mutating func pickerInput(_ key: Key, _ shared: StepContext) -> StepReply? {
        guard var picker = sniPicker, let outcome = picker.input(key, rows: Self.listRows) else { return nil }
        sniPicker = picker
        switch outcome {
        case .chose(let name):
            sniEntry = name
            sniPicker = nil
            return .effects(inspectUnlessCurrent(shared))
        case .closed:
            sniPicker = nil
        case .moved:
            break
        }
        return .nothing
    }

    /// The footer while the list is open: moving, choosing, closing, and the wizard's keys.
    var pickerKeyMap: KeyMap {
        KeyMap([KeyBinding([.up], .up, label: "↑↓", help: Catalog.text("word.move")),
                KeyBinding([.down], .down, help: Catalog.text("word.move"), inFooter: false),
                KeyBinding([.enter], .activate, help: Catalog.text("word.choose")),
                KeyBinding([.escape], .back, help: Catalog.text("word.close"))]
               + KeyMap.common.filter { ![.activate, .back, .focusNext, .focusPrevious].contains($0.action) })
    }
}

extension PostfixSummary {
    /// The SNI maps as a presentation to look an entry up in. It holds no default pairs:
    /// the wizard passes no new leaf, so the key of a renewed entry is the one picked or
    /// the entry's own, never a default pair's.
    var sniPresentation: ServerPresentation { ServerPresentation(pairs: [], maps: sniMaps) }
}
