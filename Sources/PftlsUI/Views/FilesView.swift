import PftlsCore

/// Step 2: directories | files | what the highlighted file is, the assignment and the findings.
enum FilesView {
    /// What the column beside a file says: its kind; on renewal, for a certificate,
    /// whether it is the one in use and until when it is valid.
    private static func kindText(_ file: BrowserFile?, inUse: Bool, renewing: Bool) -> String? {
        guard let file else { return nil }
        guard renewing, let expires = file.expires else { return file.kind.label }
        return (inUse ? "in use, " : "") + "to " + String(UTCTimestamp.format(expires).prefix(10))
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let state = model.files
        let glyphs = model.context.glyphs
        let rows = FilesStepState.listRows
        screen.put("Path:", x: 1, y: top)
        state.pathField.render(into: &screen, x: 7, y: top, width: model.width - 9, focused: state.focus == .path)
        let directoriesWidth = 22
        let filesX = directoriesWidth + 2
        let filesWidth = 30
        screen.put("Directories", x: 1, y: top + 1, style: state.focus == .directories ? .accent : .strong)
        screen.put("Files", x: filesX, y: top + 1, style: state.focus == .files ? .accent : .strong)
        let directories = [".."] + (state.listing?.directories ?? [])
        for (row, index) in state.directoryCursor.visible(count: directories.count, rows: rows).enumerated() {
            let selected = index == state.directoryCursor.selected && state.focus == .directories
            if selected { screen.fill(x: 1, y: top + 2 + row, count: directoriesWidth, style: .selected) }
            screen.put(directories[index] + "/", x: 1, y: top + 2 + row, style: selected ? .selected : .plain, limit: directoriesWidth)
        }
        let files = state.listing?.files ?? []
        if let problem = state.listing?.problem { screen.put(problem, x: filesX, y: top + 2, style: .error, limit: model.width - filesX - 1) }
        for (row, index) in state.fileCursor.visible(count: files.count, rows: rows).enumerated() {
            let path = state.path(of: files[index])
            let selected = index == state.fileCursor.selected
            let role = role(of: path, in: state.assignment)
            let style: Style = selected ? (state.focus == .files ? .selected : .strong) : .plain
            if selected && state.focus == .files { screen.fill(x: filesX, y: top + 2 + row, count: filesWidth + 22, style: .selected) }
            // On renewal the certificate in use is marked, and each certificate shows its expiry.
            screen.put((role.map { "\($0) " } ?? "  ") + files[index], x: filesX, y: top + 2 + row, style: style, limit: filesWidth)
            let kind = kindText(state.kinds[path], inUse: model.renewing && model.summary?.filesInUse.contains(path) == true,
                                renewing: model.renewing) ?? (state.pending.contains(path) ? "…" : "")
            screen.put(kind, x: filesX + filesWidth + 1, y: top + 2 + row, style: selected ? style : .dim, limit: model.width - filesX - filesWidth - 2)
        }
        if files.count > rows { screen.put("\(state.fileCursor.selected + 1)/\(files.count)", x: filesX + filesWidth - 8, y: top + 1, style: .dim) }

        var y = top + 3 + rows
        let assignment = state.assignment
        let name = { (path: String?) in path.map { ($0 as String).split(separator: "/").last.map(String.init) ?? $0 } ?? "—" }
        screen.put("Key: \(name(assignment.key))   Certificate: \(name(assignment.certificate))   Intermediates: \(assignment.intermediates.isEmpty ? "—" : assignment.intermediates.map { name($0) }.joined(separator: ", "))",
                   x: 1, y: y, style: .strong, limit: model.width - 2)
        y += 1
        if let inspection = state.inspection, state.inspectedFor == assignment {
            if let leaf = inspection.leafSummary { screen.put(leaf, x: 1, y: y, style: .dim, limit: model.width - 2) }
            y += 1
            var shown = inspection.findings.filter { ($0.severity != .info || $0.code == .encryptedKey) && $0.code != .passphraseRequired }
            if inspection.needsPassphrase {
                screen.put("\(glyphs.pointer) The key is encrypted: the next step asks for its passphrase.", x: 1, y: y, style: .accent)
                y += 1
                shown.removeAll { $0.code == .noPrivateKey }
            }
            if shown.isEmpty && !inspection.needsPassphrase { screen.put("\(glyphs.done) The files fit together and are fit for Postfix.", x: 1, y: y, style: .ok) }
            WizardView.drawFindings(shown, into: &screen, x: 1, y: y, maxRows: max(1, bottom - y - 1), glyphs: glyphs, width: model.width - 2)
        } else if !assignment.paths.isEmpty {
            screen.put("Checking the files…", x: 1, y: y + 1, style: .dim)
        } else {
            WizardView.drawWrapped("Pick the key (k), the certificate (c) and intermediates (i); Enter assigns by type.",
                                   into: &screen, x: 1, y: y + 1, width: model.width - 2, maxRows: 2, style: .dim, glyphs: glyphs)
        }
        WizardView.drawNext(state.focus == .next, into: &screen, y: bottom)
    }

    private static func role(of path: String, in assignment: FileAssignment) -> String? {
        if assignment.key == path { return "K" }
        if assignment.certificate == path { return "C" }
        if assignment.intermediates.contains(path) { return "I" }
        return nil
    }
}
