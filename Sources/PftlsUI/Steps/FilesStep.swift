import PftlsCore

extension StepID {
    /// Step 2: the key, certificate and intermediate files.
    static let files = StepID("files")
}

/// Step 2: a file browser in the manner of dialog's fselect, the key / certificate /
/// intermediates assignment, and the engine's findings on it.
struct FilesStep: WizardStep {
    var id: StepID { .files }
    var title: String { "2 " + Catalog.text("step.files") }

    /// Which part of the screen has the keyboard.
    enum Focus: CaseIterable { case directories, files, path, next }

    var focus: Focus = .files
    var listing: DirectoryListing?
    var directoryCursor = ListCursor()
    var fileCursor = ListCursor()
    var pathField = TextField()
    /// Detected kinds by path, filled in as they arrive.
    var kinds: [String: BrowserFile] = [:]
    /// Paths whose kind was asked for and has not arrived yet.
    var pending: Set<String> = []
    var assignment = FileAssignment()
    /// The last inspection that arrived; it answers `inspection.assignment`, which may
    /// no longer be the files to inspect (see `currentInspection`).
    var inspection: FilesInspection?
    /// The files whose inspection was asked for and has not arrived yet.
    var checking: FileAssignment?
    /// The name being looked for in the lists (`/`), while its field is open over the
    /// path's; nil: closed (FilesStep+Find.swift).
    var find: TextField?
    /// The second key's files (a key of the other type, `additionalKey`), filled by the
    /// same browser while `target` is `.second`; empty: no second key.
    var second = FileAssignment()
    /// The last inspection of the second key's files, and the files whose inspection is on its way.
    var secondInspection: FilesInspection?
    var secondChecking: FileAssignment?
    /// Which selection the browser's keys fill.
    var target: KeySelection = .first
    /// The SNI entry (a map key) the files renew instead of the default certificate; nil: the default.
    var sniEntry: String?
    /// The list of SNI entries, while it is open in place of the file lists.
    var sniPicker: SNIEntryPicker?

    /// Rows of the file and directory lists.
    static let listRows = 9

    // MARK: The files and their inspection

    var currentDirectory: String { listing?.path ?? "/" }

    func path(of name: String) -> String { currentDirectory == "/" ? "/" + name : currentDirectory + "/" + name }

    /// The highlighted file's full path.
    var selectedFile: String? {
        guard let files = listing?.files, fileCursor.selected < files.count else { return nil }
        return path(of: files[fileCursor.selected])
    }

    /// The files to inspect: on renewal without a new key, the key in use (of the SNI
    /// entry, when the files renew one).
    func effectiveAssignment(_ shared: StepContext) -> FileAssignment {
        var effective = assignment
        if shared.path == .renew { effective.key = renewalKey ?? keyInUse(shared) }
        return effective
    }

    /// True on a renewal that keeps the key in use (no new key given).
    func keepsKeyInUse(_ shared: StepContext) -> Bool { shared.path == .renew && renewalKey == nil }

    /// On renewal, the new key: the one picked, or the certificate file itself when it
    /// holds its key too (a key-and-certificates bundle, a PKCS#12 file); nil keeps the key in use.
    private var renewalKey: String? {
        if let key = assignment.key { return key }
        guard let certificate = assignment.certificate, let kind = kinds[certificate]?.kind else { return nil }
        return kind == .keyAndCertificates || kind == .pkcs12 ? certificate : nil
    }

    /// The renewal the files picked ask for: the new certificate and intermediates, and a
    /// new key or none (the key in use is kept); nil unless renewing with a certificate picked.
    func renewalRequest(_ shared: StepContext) -> RenewalRequest? {
        guard shared.path == .renew, let certificate = assignment.certificate else { return nil }
        return RenewalRequest(key: renewalKey, certificate: certificate, chain: assignment.intermediates)
    }

    /// The inspection of the files to inspect now, or nil while it is on its way. An older
    /// one (for other files, or from before Renew was chosen) is never shown or trusted.
    func currentInspection(_ shared: StepContext) -> FilesInspection? {
        guard let inspection, inspection.assignment == effectiveAssignment(shared) else { return nil }
        return inspection
    }

    /// The errors that block Next; the passphrase step handles a missing passphrase.
    var blockingErrors: [Finding] { inspection?.blockingErrors ?? [] }

    func contribute(to shared: inout StepContext) {
        shared.filesToInspect = effectiveAssignment(shared)
        shared.inspection = currentInspection(shared)
        shared.draft.files = assignment
        shared.draft.renewal = renewalRequest(shared)
        shared.draft.additionalKey = additionalKey
        shared.draft.sniEntry = chosenSNIEntry(shared)
    }

    // MARK: The path

    func isOnPath(_ shared: StepContext) -> Bool { shared.path != .request }

    func initialEffects(_ shared: StepContext) -> [Effect] { [.list(directory: shared.wizard.browseDirectory)] }

    mutating func enter(_ shared: StepContext) -> [Effect] {
        if assignment.paths.isEmpty { return suggestAssignment(shared) }
        return inspectUnlessCurrent(shared)
    }

    /// A check that is not on its way is asked for: the files, or the key to check them
    /// with, may have changed since the last one (Renew chosen after the folder was read).
    /// The list of SNI entries, if open, closes: Next means the choice is made.
    mutating func nextAsked(_ shared: StepContext) -> [Effect] {
        sniPicker = nil
        return inspectUnlessCurrent(shared) + inspectSecondUnlessCurrent()
    }

    // MARK: What blocks Next

    /// Why Next cannot go on: the check is still on its way, or a problem with the files.
    enum Refusal { case checking, problem(String) }

    private func refusal(_ shared: StepContext) -> Refusal? {
        // The folder is still being read: its files are about to be suggested.
        if assignment.paths.isEmpty && !pending.isEmpty { return .checking }
        if assignment.key == nil && shared.path != .renew { return .problem(Catalog.text("wizard.files.chooseKey")) }
        if assignment.certificate == nil { return .problem(Catalog.text("wizard.files.chooseCertificate")) }
        guard currentInspection(shared) != nil else { return .checking }
        let errors = blockingErrors
        if keepsKeyInUse(shared), errors.contains(where: { $0.code == .keyCertMismatch }) {
            return .problem(Catalog.text("wizard.files.keyMismatch"))
        }
        // Every refusal says what to do next: the finding's own hint.
        if let first = errors.first {
            return .problem(Catalog.text(errors.count == 1 ? "files.refused.error" : "files.refused.errors", ["count": "\(errors.count)", "code": "\(first.code)", "hint": first.hint]))
        }
        return secondRefusal(shared)
    }

    func blockingProblem(_ shared: StepContext) -> String? {
        switch refusal(shared) {
        case .checking: Catalog.text("files.refused.checking")
        case .problem(let problem): problem
        case nil: nil
        }
    }

    func isChecking(_ shared: StepContext) -> Bool {
        if case .checking = refusal(shared) { true } else { false }
    }

    func barState(_ shared: StepContext) -> StepState {
        guard currentInspection(shared) != nil else { return .pending }
        let findings = findings(shared)
        if findings.contains(where: { $0.severity == .error && $0.code != .passphraseRequired }) { return .errors }
        return findings.contains { $0.severity == .warning } ? .warnings : .done
    }

    /// The first key's findings, then the second key's.
    func findings(_ shared: StepContext) -> [Finding] { (currentInspection(shared)?.findings ?? []) + (currentSecondInspection?.findings ?? []) }

    // MARK: Keys

    func keyMap(_ shared: StepContext) -> KeyMap {
        if sniPicker != nil { return pickerKeyMap }
        let assign = [KeyBinding([.character("k")], .assignKey, help: Catalog.text("word.key")),
                      KeyBinding([.character("c")], .assignCertificate, help: Catalog.text("word.cert")),
                      KeyBinding([.character("i")], .toggleIntermediate, help: Catalog.text("word.interm")),
                      KeyBinding([.character("x")], .clearAssignment, help: Catalog.text("word.clear"), inFooter: false),
                      KeyBinding([.character("p")], .togglePrivateCA, help: Catalog.text("files.private-ca.key"), inFooter: false)]
        let find = KeyBinding([.character("/")], .findName, help: Catalog.text("word.find"))
        let first: [KeyBinding] = KeyMap.movement.prefix(1) + KeyMap.common.prefix(2) + assign
        let rest: [KeyBinding] = KeyMap.common.dropFirst(2) + [find] + KeyMap.movement.dropFirst()
        return KeyMap(first + rest + moreKeysBindings(shared))
    }

    var isTyping: Bool { focus == .path || sniPicker != nil || find != nil }

    /// The path field: Enter opens what is typed (a directory to list, a file to assign).
    /// The SNI entries' list, while open, takes its keys first, then the find field.
    mutating func input(_ key: Key, _ shared: StepContext) -> StepReply? {
        if sniPicker != nil { return pickerInput(key, shared) }
        if find != nil { return findInput(key) }
        guard focus == .path else { return nil }
        if key == .enter { return .effects([.open(path: pathField.value)]) }
        guard TextField.isEditing(key) else { return nil }
        _ = pathField.edit(key)
        return .nothing
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        let rows = Self.listRows
        let directories = listing?.directories ?? []
        let names = listing?.files ?? []
        switch action {
        case .focusNext, .focusPrevious:
            focus = focus.cycled(by: action == .focusNext ? 1 : -1)
            return .nothing
        case .up, .down, .pageUp, .pageDown, .home, .end:
            let delta = action.rows(page: rows) ?? (action == .home ? -1_000_000 : 1_000_000)
            if focus == .directories { directoryCursor.move(delta, count: directories.count + 1, visibleRows: rows) }
            else { focus = .files; fileCursor.move(delta, count: names.count, visibleRows: rows) }
            return .effects(classifyVisible())
        case .activate:
            switch focus {
            case .directories:
                let index = directoryCursor.selected
                let target = index == 0 ? Self.parentDirectory(currentDirectory) : path(of: directories[index - 1])
                return .effects([.list(directory: target)])
            case .files:
                guard let path = selectedFile else { return .nothing }
                assignByKind(path)
                return .effects(inspectEdited(shared))
            case .next, .path:
                return .next
            }
        case .togglePrivateCA:
            assignment.privateCA.toggle()
            return .effects(inspectAssignment(shared))
        case .assignKey, .assignCertificate, .toggleIntermediate, .clearAssignment:
            guard let path = selectedFile else { return .nothing }
            switch action {
            case .assignKey: editing.key = path
            case .assignCertificate: editing.certificate = path
            case .toggleIntermediate: toggleIntermediate(path)
            default: editing = FileAssignment(privateCA: target == .first && assignment.privateCA)
            }
            return .effects(inspectEdited(shared))
        case .switchKeySelection:
            target = target == .first ? .second : .first
            return .nothing
        case .chooseSNIEntry:
            return openPicker(shared)
        case .findName:
            return openFind()
        default:
            return .nothing
        }
    }

    // MARK: Background work

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        switch event {
        case .opened(let path, let file):
            guard let file else { return .effects([.list(directory: path)]) }
            kinds[path] = file
            assignByKind(path)
            return .effects(inspectEdited(shared))
        case .listed(let listing):
            self.listing = listing
            directoryCursor = ListCursor()
            fileCursor = ListCursor()
            pathField.set(listing.path)
            return .effects(classifyVisible())
        case .classified(let path, let file):
            kinds[path] = file
            pending.remove(path)
            if pending.isEmpty && assignment.paths.isEmpty { return .effects(suggestAssignment(shared)) }
        case .inspected(let inspection):
            // A typed passphrase that did not open the key is the passphrase step's to
            // tell: the files' verdict stays as it was.
            if inspection.unlocking && inspection.unlockFailed { return .nothing }
            receiveSecond(inspection)
            guard inspection.assignment == effectiveAssignment(shared) else { return .nothing }
            self.inspection = inspection
            if checking == inspection.assignment { checking = nil }
        default:
            break
        }
        return .nothing
    }

    private static func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Files shown now whose kind is unknown and not yet asked for: asked for now.
    mutating func classifyVisible() -> [Effect] {
        guard let files = listing?.files else { return [] }
        let wanted = fileCursor.visible(count: files.count, rows: Self.listRows).map { path(of: files[$0]) }
            .filter { kinds[$0] == nil && !pending.contains($0) }
        pending.formUnion(wanted)
        return wanted.isEmpty ? [] : [.classify(paths: wanted)]
    }

    /// Assigns a file to the part its detected kind suggests, in the selection being filled.
    mutating func assignByKind(_ path: String) {
        guard let kind = kinds[path]?.kind else { return }
        switch kind {
        case .key, .encryptedKey: editing.key = path
        case .certificate, .chain, .keyAndCertificates, .pkcs12: editing.certificate = path
        case .caCertificate, .rootCA: toggleIntermediate(path)
        case .csr, .notKeyOrCertificate, .unknown: break
        }
    }

    mutating func toggleIntermediate(_ path: String) {
        if let index = editing.intermediates.firstIndex(of: path) { editing.intermediates.remove(at: index) }
        else { editing.intermediates.append(path) }
    }

    /// Fills in the assignment the directory suggests (the key file, the single
    /// certificate, other CA certificates as intermediates); with key and certificate
    /// found, the focus moves to Next, unless the user is typing a path.
    mutating func suggestAssignment(_ shared: StepContext) -> [Effect] {
        if let files = listing?.files.map(path(of:)), assignment.paths.isEmpty {
            let keys = files.filter { kinds[$0]?.kind.isKey == true }
            let bundles = files.filter { kinds[$0]?.kind.isBundle == true }
            let leaves = files.filter { kinds[$0]?.kind == .certificate }
            if keys.count == 1 { assignment.key = keys[0] }
            if leaves.count == 1 { assignment.certificate = leaves[0] } else if leaves.isEmpty, let bundle = bundles.first { assignment.certificate = bundle }
            // Intermediates are the CA certificates that are not self-signed roots.
            assignment.intermediates = files.filter { kinds[$0]?.kind == .caCertificate }
        }
        if assignment.key != nil && assignment.certificate != nil && focus != .path { focus = .next }
        return inspectAssignment(shared)
    }

    /// Asks for the inspection of the files to inspect now, with the passphrase that
    /// opened their key if one did.
    mutating func inspectAssignment(_ shared: StepContext) -> [Effect] {
        guard !assignment.paths.isEmpty else {
            inspection = nil
            checking = nil
            return []
        }
        let effective = effectiveAssignment(shared)
        checking = effective
        return [.inspect(effective, passphrase: shared.openedKey?.passphrase(for: effective.key), unlocking: false)]
    }

    /// Asks for the inspection of the files to inspect now unless it is there or on its
    /// way: the files change, and so does the key to check them with when Renew is chosen
    /// (the key in use), so a check never waits for an answer that will not come.
    mutating func inspectUnlessCurrent(_ shared: StepContext) -> [Effect] {
        guard currentInspection(shared) == nil, checking != effectiveAssignment(shared) else { return [] }
        return inspectAssignment(shared)
    }

    // MARK: Drawing

    /// What the column beside a file says: its kind; on renewal, for a certificate,
    /// whether it is the one in use and until when it is valid.
    private static func kindText(_ file: BrowserFile?, inUse: Bool, renewing: Bool) -> String? {
        guard let file else { return nil }
        guard renewing, let expires = file.expires else { return file.kind.label }
        return Catalog.text(inUse ? "wizard.files.inUseUntil" : "wizard.files.until", ["date": String(UTCTimestamp.format(expires).prefix(10))])
    }

    private static func role(of path: String, in assignment: FileAssignment) -> String? {
        if assignment.key == path { return "K" }
        if assignment.certificate == path { return "C" }
        if assignment.intermediates.contains(path) { return "I" }
        return nil
    }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let glyphs = shared.wizard.glyphs
        let rows = Self.listRows
        let left = area.x
        let top = area.top
        // The SNI entries' list takes the place of the file lists while it is open.
        if let sniPicker {
            sniPicker.draw(into: &screen, x: left + 1, y: top, width: area.width - 2, rows: rows, chosen: sniEntry, glyphs: glyphs)
        } else {
            drawBrowser(into: &screen, area: area, shared)
        }

        // The roles, the leaf and the findings follow the list directly: at 80x24 every
        // row counts for the findings.
        var y = top + 2 + rows
        let name = { (path: String?) in path.map { ($0 as String).split(separator: "/").last.map(String.init) ?? $0 } ?? Catalog.text("word.none") }
        let shown = target == .first ? currentInspection(shared) : currentSecondInspection
        y = WrappedText(rolesLine(shared, name: name), style: .strong).draw(into: &screen, x: left + 1, y: y, width: area.width - 2, maxRows: 2, glyphs: glyphs)
        for line in selectionLines(shared, name: name) {
            screen.put(line, x: left + 1, y: y, style: .accent, limit: area.width - 2)
            y += 1
        }
        let edited = editing
        if let inspection = shown {
            if let leaf = inspection.leafSummary { screen.put(leaf, x: left + 1, y: y, style: .dim, limit: area.width - 2) }
            y += 1
            var shown = inspection.findings.filter { ($0.severity != .info || $0.code == .encryptedKey) && $0.code != .passphraseRequired }
            // The one question a leaf without its intermediate raises: is it a private CA's?
            if target == .first && (assignment.privateCA || inspection.findings.contains(where: { $0.code == .intermediateMissing })) {
                let question = Catalog.text(assignment.privateCA ? "files.private-ca.yes" : "files.private-ca.ask")
                y = WrappedText(question, style: .accent).draw(into: &screen, x: left + 1, y: y, width: area.width - 2, maxRows: 2, glyphs: glyphs)
            }
            if inspection.needsPassphrase {
                screen.put(Catalog.text("wizard.files.keyEncrypted", ["pointer": "\(glyphs.pointer)"]), x: left + 1, y: y, style: .accent)
                y += 1
                shown.removeAll { $0.code == .noPrivateKey }
            }
            if shown.isEmpty && !inspection.needsPassphrase { screen.put(Catalog.text("wizard.files.fit", ["done": "\(glyphs.done)"]), x: left + 1, y: y, style: .ok) }
            FindingList(shown).draw(into: &screen, x: left + 1, y: y, width: area.width - 2, maxRows: max(1, area.bottom - y), glyphs: glyphs)
        } else if !edited.paths.isEmpty {
            screen.put(Catalog.text("wizard.files.checking"), x: left + 1, y: y + 1, style: .dim)
        } else {
            WrappedText(Catalog.text(target == .first ? "wizard.files.hint" : "wizard.sni.files.secondHint"), style: .dim)
                .draw(into: &screen, x: left + 1, y: y + 1, width: area.width - 2, maxRows: 2, glyphs: glyphs)
        }
        Button(Catalog.text("word.next")).draw(into: &screen, x: left + 2, y: area.bottom, focused: focus == .next)
    }

    /// The path field, the directories and the files, each file with its role in the
    /// selection being filled and its kind.
    private func drawBrowser(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let renewing = shared.path == .renew
        let rows = Self.listRows
        let left = area.x
        let top = area.top
        if let find {
            drawFind(find, into: &screen, x: left + 1, y: top, width: area.width - 2)
        } else {
            screen.put(Catalog.text("word.path"), x: left + 1, y: top)
            pathField.render(into: &screen, x: left + 7, y: top, width: area.width - 9, focused: focus == .path)
        }
        let directoriesWidth = 22
        let filesX = left + directoriesWidth + 2
        let filesWidth = 30
        screen.put(Catalog.text("word.directories"), x: left + 1, y: top + 1, style: focus == .directories ? .accent : .strong)
        screen.put(Catalog.text("step.files"), x: filesX, y: top + 1, style: focus == .files ? .accent : .strong)
        let directories = [".."] + (listing?.directories ?? [])
        for (row, index) in directoryCursor.visible(count: directories.count, rows: rows).enumerated() {
            let selected = index == directoryCursor.selected && focus == .directories
            if selected { screen.fill(x: left + 1, y: top + 2 + row, count: directoriesWidth, style: .selected) }
            screen.put(directories[index] + "/", x: left + 1, y: top + 2 + row, style: selected ? .selected : .plain, limit: directoriesWidth)
        }
        let files = listing?.files ?? []
        if let problem = listing?.problem { screen.put(problem, x: filesX, y: top + 2, style: .error, limit: area.right - filesX - 1) }
        let edited = editing
        for (row, index) in fileCursor.visible(count: files.count, rows: rows).enumerated() {
            let path = path(of: files[index])
            let selected = index == fileCursor.selected
            let role = Self.role(of: path, in: edited)
            let style: Style = selected ? (focus == .files ? .selected : .strong) : .plain
            if selected && focus == .files { screen.fill(x: filesX, y: top + 2 + row, count: filesWidth + 22, style: .selected) }
            // On renewal the certificate in use is marked, and each certificate shows its expiry.
            screen.put((role.map { "\($0) " } ?? "  ") + files[index], x: filesX, y: top + 2 + row, style: style, limit: filesWidth)
            let kind = Self.kindText(kinds[path], inUse: renewing && shared.summary?.filesInUse.contains(path) == true,
                                     renewing: renewing) ?? (pending.contains(path) ? "…" : "")
            screen.put(kind, x: filesX + filesWidth + 1, y: top + 2 + row, style: selected ? style : .dim, limit: area.right - filesX - filesWidth - 2)
        }
        if files.count > rows { screen.put("\(fileCursor.selected + 1)/\(files.count)", x: filesX + filesWidth - 8, y: top + 1, style: .dim) }
    }

    /// The selection being filled, part by part: the first key's (its key in use named as
    /// such on a renewal that keeps it), or the second key's.
    private func rolesLine(_ shared: StepContext, name: (String?) -> String) -> String {
        let edited = target == .first ? assignment : second
        let intermediates = edited.intermediates.isEmpty ? Catalog.text("word.none") : edited.intermediates.map { name($0) }.joinedAsList()
        guard target == .first else {
            return Catalog.text("wizard.sni.files.secondRoles", ["key": name(second.key), "certificate": name(second.certificate), "intermediates": intermediates])
        }
        // On renewal without a new key, the key in use is kept: named as such.
        let effectiveKey = name(effectiveAssignment(shared).key)
        let key = keepsKeyInUse(shared) ? Catalog.text("files.key-in-use", ["file": effectiveKey]) : effectiveKey
        return Catalog.text("wizard.files.roles", ["key": key, "certificate": "\(name(assignment.certificate))", "intermediates": "\(intermediates)"])
    }
}
