import PftlsCore

/// The Files step's list of SNI entries, narrowed as the user types: which entry of the
/// map the chosen files renew instead of the default certificate. The first row is the
/// default certificate. A map of 3 entries and one of 10,000 work alike: the filter
/// narrows, the list scrolls.
struct SNIEntryPicker {
    /// The entries of main.cf's maps that pftls can renew, each name once, in map order.
    let entries: [SNIEntry]
    /// The names in lower case, for the filter.
    private let folded: [String]
    var filter = TextField()
    var cursor = ListCursor()
    /// Indices into `entries` of those whose name holds the filter, in order.
    private(set) var matches: [Int]

    /// What a key did to the list.
    enum Outcome: Equatable {
        /// A row was chosen: an entry's name, or nil for the default certificate.
        case chose(String?)
        /// The list was closed without a choice.
        case closed
        /// The list moved or the filter changed.
        case moved
    }

    /// The list of `entries` with the row of `chosen` highlighted (the default's when nil).
    init(entries: [SNIEntry], chosen: String?, rows: Int) {
        self.entries = entries
        folded = entries.map { $0.name.lowercased() }
        matches = Array(entries.indices)
        if let chosen, let index = folded.firstIndex(of: chosen.lowercased()) {
            cursor.select(index + 1, count: matches.count + 1, visibleRows: rows)
        }
    }

    /// The entries of `maps` a change can renew: those of main.cf's tables (the plan edits
    /// main.cf's map), each name once as Postfix finds it first.
    static func entries(of maps: [SNIMapInUse]) -> [SNIEntry] {
        var seen = Set<String>()
        return maps.filter { $0.service == nil }.flatMap { $0.source?.entries ?? [] }.filter { seen.insert($0.name.lowercased()).inserted }
    }

    /// The rows: the default certificate, then each match.
    var rowCount: Int { matches.count + 1 }

    /// The entry on the highlighted row; nil on the default certificate's.
    var highlighted: SNIEntry? { cursor.selected == 0 || matches.isEmpty ? nil : entries[matches[cursor.selected - 1]] }

    /// Takes a key: Enter chooses the highlighted row, Esc closes, the arrows and pages
    /// move, and editing keys change the filter. Nil for a key the list does not take.
    mutating func input(_ key: Key, rows: Int) -> Outcome? {
        switch key {
        case .enter: return .chose(highlighted?.name)
        case .escape: return .closed
        case .up, .down, .pageUp, .pageDown:
            cursor.move(key == .up ? -1 : key == .down ? 1 : key == .pageUp ? -rows : rows, count: rowCount, visibleRows: rows)
            return .moved
        default:
            guard TextField.isEditing(key), filter.edit(key) else { return nil }
            let wanted = filter.value.lowercased()
            matches = folded.indices.filter { wanted.isEmpty || folded[$0].contains(wanted) }
            // The first match is highlighted: Enter after typing a name chooses it.
            cursor = ListCursor()
            if !wanted.isEmpty && !matches.isEmpty { cursor.select(1, count: rowCount, visibleRows: rows) }
            return .moved
        }
    }

    /// Draws the filter on the `y` row, the count beside the heading below it, and `rows`
    /// rows of the list, the row of `chosen` (nil: the default certificate) marked as a radio button is.
    func draw(into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, rows: Int, chosen: String?, glyphs: Glyphs) {
        let label = Catalog.text("wizard.sni.files.filter")
        // A full-width colon carries its own space (JA 1.1); after an ASCII one, a space.
        let fieldX = screen.put(label, x: x, y: y) + (label.hasSuffix("：") ? 0 : 1)
        filter.render(into: &screen, x: fieldX, y: y, width: x + width - fieldX, focused: true)
        screen.put(Catalog.text("wizard.sni.files.entries"), x: x, y: y + 1, style: .accent)
        let count = Catalog.text("wizard.sni.files.matching", ["shown": "\(matches.count)", "count": "\(entries.count)"])
        screen.put(count, x: x + width - ScreenBuffer.columns(of: count), y: y + 1, style: .dim)
        let nameWidth = min(40, width / 2)
        for (row, index) in cursor.visible(count: rowCount, rows: rows).enumerated() {
            let entry = index == 0 ? nil : entries[matches[index - 1]]
            let selected = index == cursor.selected
            let style: Style = selected ? .selected : .plain
            if selected { screen.fill(x: x, y: y + 2 + row, count: width, style: .selected) }
            let mark = (entry?.name.lowercased() == chosen?.lowercased() ? glyphs.radioOn : glyphs.radioOff) + " "
            screen.put(mark + (entry.map { SafeText.escape($0.name) } ?? Catalog.text("wizard.sni.files.defaultRow")), x: x, y: y + 2 + row, style: style, limit: nameWidth)
            if let entry {
                screen.put(entry.files.map(SafeText.escape).joinedAsList(), x: x + nameWidth + 1, y: y + 2 + row, style: selected ? style : .dim,
                           limit: width - nameWidth - 1)
            }
        }
    }
}
