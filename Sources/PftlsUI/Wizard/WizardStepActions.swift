import PftlsCore

/// What each step does with the actions its key map names.
extension WizardModel {
    mutating func stepAction(_ action: Action) -> [Effect] {
        switch step {
        case .start:
            if [.left, .right, .focusNext, .focusPrevious].contains(action), canRenew { startChoiceRenew.toggle() }
            guard action == .activate else { return [] }
            renewing = startChoiceRenew && canRenew
            return goNext()
        case .directory, .passphrase:
            return action == .activate ? goNext() : []
        case .files: return filesAction(action)
        case .levels: return levelsAction(action)
        case .services: return servicesAction(action)
        case .review: return reviewAction(action)
        case .result:
            let rows = screenLayout.resultRows
            let delta = [Action.up: -1, .down: 1, .pageUp: -rows, .pageDown: rows][action] ?? 0
            result?.scroll(delta, rows: rows)
            return []
        }
    }

    // MARK: Files

    private mutating func filesAction(_ action: Action) -> [Effect] {
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
        case .assignKey, .assignCertificate, .toggleIntermediate, .clearAssignment:
            guard let path = files.selectedFile else { return [] }
            switch action {
            case .assignKey: files.assignment.key = path
            case .assignCertificate: files.assignment.certificate = path
            case .toggleIntermediate: files.toggleIntermediate(path)
            default: files.assignment = FileAssignment()
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
        if files.assignment.key != nil && files.assignment.certificate != nil { files.focus = .next }
        return inspectAssignment()
    }

    mutating func inspectAssignment() -> [Effect] {
        guard !files.assignment.paths.isEmpty else { files.inspection = nil; return [] }
        return [.inspect(effectiveAssignment, passphrase: passphrase.passphrase(for: effectiveAssignment.key))]
    }

    mutating func received(_ inspection: FilesInspection) -> [Effect] {
        if step == .passphrase {
            passphrase.checking = false
            if inspection.wrongPassphrase || inspection.needsPassphrase {
                passphrase.message = "That passphrase does not open the key. Try again."
                return []
            }
            passphrase.accepted = inspection.passphrase
            passphrase.acceptedFor = inspection.assignment.key
            files.inspection = inspection
            files.inspectedFor = files.assignment
            // Unlocked, the key can be compared with the certificate: a mismatch is told
            // here, where it shows, with the way back to the files.
            if let first = files.blockingErrors.first {
                passphrase.message = "The key opens, but [\(first.code)] \(first.message). Press Esc to go back to Files and choose the matching key or certificate."
                return []
            }
            passphrase.message = nil
            return goNext()
        }
        guard inspection.assignment == effectiveAssignment else { return [] }
        files.inspection = inspection
        files.inspectedFor = files.assignment
        return []
    }

    mutating func submitPassphrase() -> [Effect] {
        guard passphrase.length > 0 else {
            passphrase.message = "Type the passphrase first."
            return []
        }
        passphrase.checking = true
        return [.inspect(effectiveAssignment, passphrase: passphrase.take())]
    }

    // MARK: Levels and services

    private mutating func levelsAction(_ action: Action) -> [Effect] {
        switch action {
        case .up: levels.moveCursor(-1)
        case .down: levels.moveCursor(1)
        case .left: levels.moveWithinGroup(-1)
        case .right: levels.moveWithinGroup(1)
        case .toggle: levels.choose()
        case .focusNext: levels.cycleFocus(1)
        case .focusPrevious: levels.cycleFocus(-1)
        case .activate: if !levels.choose() { return goNext() }
        default: break
        }
        return []
    }

    private mutating func servicesAction(_ action: Action) -> [Effect] {
        switch action {
        case .focusNext, .down: services.focus = (services.focus + 1) % services.focusCount
        case .focusPrevious, .up: services.focus = (services.focus + services.focusCount - 1) % services.focusCount
        case .toggle, .activate:
            if services.nextFocused { return goNext() }
            if let row = services.focusedRow, !services.listenFocused {
                services.rows[row].enabled.toggle()
                if let answers = answers() { return [.plan(answers, passphrase: acceptedPassphrase)] }
            }
        default: break
        }
        return []
    }

    // MARK: Review

    private mutating func reviewAction(_ action: Action) -> [Effect] {
        let rows = screenLayout.reviewRows
        switch action {
        case .up: review.scroll(-1, rows: rows)
        case .down: review.scroll(1, rows: rows)
        case .pageUp: review.scroll(-rows, rows: rows)
        case .pageDown: review.scroll(rows, rows: rows)
        case .right, .focusNext: review.choice = ReviewStepState.Choice(rawValue: (review.choice.rawValue + 1) % 4)!
        case .left, .focusPrevious: review.choice = ReviewStepState.Choice(rawValue: (review.choice.rawValue + 3) % 4)!
        case .activate:
            guard let plan = review.plan else {
                message = ("The plan is still being built; try again in a moment.", .warning)
                return []
            }
            switch review.choice {
            case .write:
                guard !plan.hasErrors else {
                    message = ("Write is refused: the plan has errors (see the findings).", .error)
                    return []
                }
                review.busy = "Writing, checking, reloading and probing…"
                return [.apply(plan, demo: context.demo != nil)]
            case .saveToDirectory:
                overlay = .prompt(title: "Save the config set to directory:", field: TextField((context.demo?.root ?? "/root") + "/pftls-config-set"), purpose: .saveConfigSet)
            case .saveAnswers:
                overlay = .prompt(title: "Save the answers (JSON, no secrets) to:", field: TextField((context.demo?.root ?? "/root") + "/pftls-answers.json"), purpose: .saveAnswers)
            case .back:
                return goBack()
            }
        default: break
        }
        return []
    }

    mutating func save(_ purpose: PromptPurpose, to path: String) -> [Effect] {
        switch purpose {
        case .saveAnswers:
            guard let answers = answers() else { return [] }
            return [.saveAnswers(answers, path: path)]
        case .saveConfigSet:
            guard let plan = review.plan, !plan.hasErrors else {
                message = ("Nothing to save: the plan has errors.", .error)
                return []
            }
            return [.saveConfigSet(plan, directory: path)]
        }
    }

    mutating func finish(_ outcome: Result<ApplyOutcome, ApplyFailure>) {
        review.busy = nil
        var lines: [String] = []
        switch outcome {
        case .success(let done):
            lines.append(done.changed ? "The new configuration is in place." : "Nothing to change: the configuration already matched.")
            // The log already names each probed port once, with what it serves.
            lines += done.log.map { "  " + $0 }
            if let backup = done.backupDirectory { lines.append("Backup: \(backup)") }
            if let rollback = done.rollbackCommand { lines.append("Roll back with: \(rollback)") }
            if let demo = context.demo { lines.append("Demo config set written to \(demo.root)") }
            result = ResultStepState(succeeded: true, lines: lines, width: screenLayout.textWidth)
        case .failure(let failure):
            lines.append("Nothing was changed: " + failure.description)
            lines += failure.log.map { "  " + $0 }
            result = ResultStepState(succeeded: false, lines: lines, width: screenLayout.textWidth)
        }
        step = .result
        visited.insert(.result)
    }
}
