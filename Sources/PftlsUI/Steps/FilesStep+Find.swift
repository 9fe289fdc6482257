import PftlsCore

/// The Files step's find: `/` opens a field over the path where a typed name moves the
/// highlight to the first file (or, with the directories focused, directory) whose name
/// starts with it, else holds it. Letters typed there are the name, never the step's
/// one-letter commands (`k`, `c`, `i`, `s`…). Esc closes the field; Enter closes it and
/// acts on the highlighted row as Enter does; any other key closes it and does its work.
extension FilesStep {
    /// The names of the list being searched: the directories' while they have the focus, else the files'.
    private var searchedNames: [String] { focus == .directories ? (listing?.directories ?? []) : (listing?.files ?? []) }

    /// The index in `names` of the first name that starts with `text`, else of the first
    /// that holds it, letter case aside; nil when none does (or `text` is empty).
    static func match(_ text: String, in names: [String]) -> Int? {
        let wanted = text.lowercased()
        guard !wanted.isEmpty else { return nil }
        let folded = names.map { $0.lowercased() }
        return folded.firstIndex { $0.hasPrefix(wanted) } ?? folded.firstIndex { $0.contains(wanted) }
    }

    /// True while a name is typed that no row of the searched list matches.
    var findFindsNothing: Bool {
        guard let find, !find.value.isEmpty else { return false }
        return Self.match(find.value, in: searchedNames) == nil
    }

    /// Opens the find field over the list with the focus (the files' when neither list has it).
    mutating func openFind() -> StepReply {
        if focus != .directories { focus = .files }
        find = TextField()
        return .nothing
    }

    /// A key while the find field is open: editing keys change the name and move the
    /// highlight; Esc closes the field; any other key closes it and is handled as usual (nil).
    mutating func findInput(_ key: Key) -> StepReply? {
        guard var field = find else { return nil }
        if key == .escape {
            find = nil
            return .nothing
        }
        guard key != .enter, TextField.isEditing(key), field.edit(key) else {
            find = nil
            return nil
        }
        find = field
        guard let index = Self.match(field.value, in: searchedNames) else { return .nothing }
        let count = searchedNames.count
        if focus == .directories { directoryCursor.select(index + 1, count: count + 1, visibleRows: Self.listRows) }
        else { fileCursor.select(index, count: count, visibleRows: Self.listRows) }
        return .effects(classifyVisible())
    }

    /// Draws the find field on the path's row: the label, the name typed, and when no row
    /// matches it, a note saying so.
    func drawFind(_ field: TextField, into screen: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        let label = Catalog.text("wizard.files.find")
        // A full-width colon carries its own space (JA 1.1); after an ASCII one, a space.
        let fieldX = screen.put(label, x: x, y: y, style: .accent) + (label.hasSuffix("：") ? 0 : 1)
        let none = findFindsNothing ? Catalog.text("wizard.files.find.none") : ""
        let noneWidth = none.isEmpty ? 0 : ScreenBuffer.columns(of: none) + 1
        field.render(into: &screen, x: fieldX, y: y, width: max(1, x + width - fieldX - noneWidth), focused: true)
        if !none.isEmpty { screen.put(none, x: x + width - noneWidth + 1, y: y, style: .error) }
    }
}
