import PftlsCore

/// Step 2: a file browser in the manner of dialog's fselect, the key / certificate /
/// intermediates assignment, and the engine's findings on it.
enum FilesStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        let assign = [KeyBinding([.character("k")], .assignKey, help: Catalog.text("word.key")),
                      KeyBinding([.character("c")], .assignCertificate, help: Catalog.text("word.cert")),
                      KeyBinding([.character("i")], .toggleIntermediate, help: Catalog.text("word.interm")),
                      KeyBinding([.character("x")], .clearAssignment, help: Catalog.text("word.clear"), inFooter: false),
                      KeyBinding([.character("p")], .togglePrivateCA, help: Catalog.text("files.private-ca.key"), inFooter: false)]
        return KeyMap(KeyMap.movement.prefix(1) + KeyMap.common.prefix(2) + assign + KeyMap.common.dropFirst(2) + KeyMap.movement.dropFirst())
    }

    /// Why Next cannot go on: the check is still on its way, or a problem with the files.
    private enum Refusal { case checking, problem(String) }

    private static func refusal(_ model: WizardModel) -> Refusal? {
        let files = model.files
        // The folder is still being read: its files are about to be suggested.
        if files.assignment.paths.isEmpty && !files.pending.isEmpty { return .checking }
        if files.assignment.key == nil && !model.renewing { return .problem(Catalog.text("FilesStep.text")) }
        if files.assignment.certificate == nil { return .problem(Catalog.text("FilesStep.text2")) }
        guard model.currentInspection != nil else { return .checking }
        let errors = files.blockingErrors
        if model.keepsKeyInUse, errors.contains(where: { $0.code == .keyCertMismatch }) {
            return .problem(Catalog.text("FilesStep.text4"))
        }
        // Every refusal says what to do next: the finding's own hint.
        if let first = errors.first {
            return .problem(Catalog.text("files.refused.errors", ["count": "\(errors.count)", "code": "\(first.code)", "hint": first.hint]))
        }
        return nil
    }

    static func blockingProblem(_ model: WizardModel) -> String? {
        switch refusal(model) {
        case .checking: Catalog.text("files.refused.checking")
        case .problem(let problem): problem
        case nil: nil
        }
    }

    static func isChecking(_ model: WizardModel) -> Bool {
        if case .checking = refusal(model) { true } else { false }
    }

    static func barState(_ model: WizardModel) -> StepState { model.files.state(current: model.currentInspection) }

    static func findings(_ model: WizardModel) -> [Finding] { model.currentInspection?.findings ?? [] }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] { model.filesAction(action) }

    /// What the column beside a file says: its kind; on renewal, for a certificate,
    /// whether it is the one in use and until when it is valid.
    private static func kindText(_ file: BrowserFile?, inUse: Bool, renewing: Bool) -> String? {
        guard let file else { return nil }
        guard renewing, let expires = file.expires else { return file.kind.label }
        return (inUse ? Catalog.text("FilesStep.text6") : "") + Catalog.text("word.to") + String(UTCTimestamp.format(expires).prefix(10))
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        let state = model.files
        let glyphs = model.context.glyphs
        let rows = FilesStepState.listRows
        screen.put(Catalog.text("word.path"), x: 1, y: top)
        state.pathField.render(into: &screen, x: 7, y: top, width: model.width - 9, focused: state.focus == .path)
        let directoriesWidth = 22
        let filesX = directoriesWidth + 2
        let filesWidth = 30
        screen.put(Catalog.text("word.directories"), x: 1, y: top + 1, style: state.focus == .directories ? .accent : .strong)
        screen.put(Catalog.text("word.files"), x: filesX, y: top + 1, style: state.focus == .files ? .accent : .strong)
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

        // The roles, the leaf and the findings follow the list directly: at 80x24 every
        // row counts for the findings.
        var y = top + 2 + rows
        let assignment = state.assignment
        let name = { (path: String?) in path.map { ($0 as String).split(separator: "/").last.map(String.init) ?? $0 } ?? "—" }
        // On renewal without a new key, the key in use is kept: named as such.
        let key = model.keepsKeyInUse ? Catalog.text("files.key-in-use", ["file": name(model.effectiveAssignment.key)]) : name(model.effectiveAssignment.key)
        let roles = Catalog.text("FilesStep.text7", ["value": key, "value2": "\(name(assignment.certificate))",
                                                     "value3": "\(assignment.intermediates.isEmpty ? "—" : assignment.intermediates.map { name($0) }.joined(separator: ", "))"])
        y = WizardView.drawWrapped(roles, into: &screen, x: 1, y: y, width: model.width - 2, maxRows: 2, style: .strong, glyphs: glyphs)
        if let inspection = model.currentInspection {
            if let leaf = inspection.leafSummary { screen.put(leaf, x: 1, y: y, style: .dim, limit: model.width - 2) }
            y += 1
            var shown = inspection.findings.filter { ($0.severity != .info || $0.code == .encryptedKey) && $0.code != .passphraseRequired }
            // The one question a leaf without its intermediate raises: is it a private CA's?
            if assignment.privateCA || inspection.findings.contains(where: { $0.code == .intermediateMissing }) {
                let question = Catalog.text(assignment.privateCA ? "files.private-ca.yes" : "files.private-ca.ask")
                y = WizardView.drawWrapped(question, into: &screen, x: 1, y: y, width: model.width - 2, maxRows: 2, style: .accent, glyphs: glyphs)
            }
            if inspection.needsPassphrase {
                screen.put(Catalog.text("FilesStep.text8", ["pointer": "\(glyphs.pointer)"]), x: 1, y: y, style: .accent)
                y += 1
                shown.removeAll { $0.code == .noPrivateKey }
            }
            if shown.isEmpty && !inspection.needsPassphrase { screen.put(Catalog.text("FilesStep.text9", ["done": "\(glyphs.done)"]), x: 1, y: y, style: .ok) }
            WizardView.drawFindings(shown, into: &screen, x: 1, y: y, maxRows: max(1, bottom - y), glyphs: glyphs, width: model.width - 2)
        } else if !assignment.paths.isEmpty {
            screen.put(Catalog.text("FilesStep.text10"), x: 1, y: y + 1, style: .dim)
        } else {
            WizardView.drawWrapped(Catalog.text("FilesStep.text11"),
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

extension WizardModel {
    mutating func filesAction(_ action: Action) -> [Effect] {
        let rows = FilesStepState.listRows
        let directories = files.listing?.directories ?? []
        let names = files.listing?.files ?? []
        switch action {
        case .focusNext, .focusPrevious:
            let count = FilesStepState.Focus.allCases.count
            files.focus = FilesStepState.Focus(rawValue: (files.focus.rawValue + (action == .focusNext ? 1 : count - 1)) % count)!
            return []
        case .up, .down, .pageUp, .pageDown, .home, .end:
            let delta = [Action.up: -1, .down: 1, .pageUp: -rows, .pageDown: rows, .home: -1_000_000, .end: 1_000_000][action]!
            files.typeahead = ""
            if files.focus == .directories { files.directoryCursor.move(delta, count: directories.count + 1, visibleRows: rows) }
            else { files.focus = .files; files.fileCursor.move(delta, count: names.count, visibleRows: rows) }
            return classifyVisible()
        case .activate:
            switch files.focus {
            case .directories:
                let index = files.directoryCursor.selected
                let target = index == 0 ? parentDirectory(files.currentDirectory) : files.path(of: directories[index - 1])
                return [.list(directory: target)]
            case .files:
                guard let path = files.selectedFile else { return [] }
                files.assignByKind(path)
                return inspectAssignment()
            case .next, .path:
                return goNext()
            }
        case .togglePrivateCA:
            files.assignment.privateCA.toggle()
            return inspectAssignment()
        case .assignKey, .assignCertificate, .toggleIntermediate, .clearAssignment:
            guard let path = files.selectedFile else { return [] }
            switch action {
            case .assignKey: files.assignment.key = path
            case .assignCertificate: files.assignment.certificate = path
            case .toggleIntermediate: files.toggleIntermediate(path)
            default: files.assignment = FileAssignment(privateCA: files.assignment.privateCA)
            }
            return inspectAssignment()
        default:
            return []
        }
    }

    /// Typing a name in the file list jumps to the first entry with that prefix.
    mutating func typeahead(_ key: Key) -> [Effect] {
        guard step == .files, case .character(let character) = key, files.focus == .files || files.focus == .directories else { return [] }
        files.typeahead.append(character)
        let names = files.focus == .files ? (files.listing?.files ?? []) : (files.listing?.directories ?? [])
        guard let index = names.firstIndex(where: { $0.lowercased().hasPrefix(files.typeahead.lowercased()) }) else {
            files.typeahead = String(character)
            return []
        }
        if files.focus == .files { files.fileCursor.select(index, count: names.count, visibleRows: FilesStepState.listRows) }
        else { files.directoryCursor.select(index + 1, count: names.count + 1, visibleRows: FilesStepState.listRows) }
        return classifyVisible()
    }

    /// A typed path: the effect says whether it is a directory to list or a file to assign.
    mutating func openPath(_ path: String) -> [Effect] { [.open(path: path)] }

    private func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    mutating func classifyVisible() -> [Effect] {
        let wanted = files.unclassifiedVisible()
        return wanted.isEmpty ? [] : [.classify(paths: wanted)]
    }

    /// Fills in the assignment the directory suggests; with key and certificate
    /// found, Enter goes straight on.
    mutating func suggestAssignment() -> [Effect] {
        files.suggest()
        // The focus moves to Next, unless the user is typing a path.
        if files.assignment.key != nil && files.assignment.certificate != nil && files.focus != .path { files.focus = .next }
        return inspectAssignment()
    }

    mutating func inspectAssignment() -> [Effect] {
        guard !files.assignment.paths.isEmpty else {
            files.inspection = nil
            files.checking = nil
            return []
        }
        files.checking = effectiveAssignment
        return [.inspect(effectiveAssignment, passphrase: passphrase.passphrase(for: effectiveAssignment.key))]
    }

    /// Asks for the inspection of the files to inspect now unless it is there or on its
    /// way: the files change, and so does the key to check them with when Renew is chosen
    /// (the key in use), so a check never waits for an answer that will not come.
    mutating func inspectUnlessCurrent() -> [Effect] {
        guard currentInspection == nil, files.checking != effectiveAssignment else { return [] }
        return inspectAssignment()
    }

    mutating func received(_ inspection: FilesInspection) -> [Effect] {
        if step == .passphrase {
            passphrase.checking = false
            if inspection.wrongPassphrase || inspection.needsPassphrase {
                passphrase.message = Catalog.text("FilesStep.text12")
                return []
            }
            passphrase.accepted = inspection.passphrase
            passphrase.acceptedFor = inspection.assignment.key
            files.inspection = inspection
            files.checking = nil
            // Unlocked, the key can be compared with the certificate: a mismatch is told
            // here, where it shows, with the way back to the files.
            if let first = files.blockingErrors.first {
                passphrase.message = Catalog.text("FilesStep.text13", ["code": "\(first.code)", "message": "\(first.message)"])
                return []
            }
            passphrase.message = nil
            return goNext()
        }
        guard inspection.assignment == effectiveAssignment else { return [] }
        files.inspection = inspection
        if files.checking == inspection.assignment { files.checking = nil }
        return []
    }

}
