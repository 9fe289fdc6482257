import PftlsCore

/// `update`: an event in, the new model and the work to start out.
extension WizardModel {
    /// Applies `event` and returns the effects to run.
    public mutating func update(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key): return handle(key)
        case .resize(let width, let height):
            self.width = width
            self.height = height
            return []
        case .postfixDetected(let installation, let summary):
            self.installation = installation
            self.summary = summary
            // With TLS set up, renewing is what brings most people back: the focus starts there.
            if step == .start, !startChoiceMoved { startChoice = setUpIsRenewable ? .renew : .setUp }
            // Step 4's defaults: the levels in force, unless the user has been there.
            if !visited.contains(.levels) { levels.adopt(smtpd: summary.smtpdLevelInForce, smtp: summary.smtpLevelInForce) }
            if !visited.contains(.request) {
                request.propose(hostName: RequestDefaults.hostName(myhostname: summary.hostname, mydomain: summary.domain), mxNames: summary.mxNames,
                                directory: context.demo?.root ?? summary.requestDirectory)
            }
            // Step 1's default: the directory of the files in use, unless the user typed one.
            if let inUse = summary.renewal?.certificateDirectory, !visited.contains(.directory), context.demo == nil {
                directory.field.set(inUse)
                return [.checkDirectory(inUse)]
            }
            return []
        case .directoryChecked(let path, let findings):
            directory.received(findings: findings, for: path)
            return continueIfChecked()
        case .directoryCompleted(let original, let completion):
            guard original == directory.field.value, let completion, completion != original else { return [] }
            directory.field.set(completion)
            return [.checkDirectory(completion)]
        case .opened(let path, let file):
            guard let file else { return [.list(directory: path)] }
            files.kinds[path] = file
            files.assignByKind(path)
            return inspectAssignment()
        case .listed(let listing):
            files.listing = listing
            files.directoryCursor = ListCursor()
            files.fileCursor = ListCursor()
            files.pathField.set(listing.path)
            return classifyVisible()
        case .classified(let path, let file):
            files.kinds[path] = file
            files.pending.remove(path)
            if files.pending.isEmpty && files.assignment.paths.isEmpty { return suggestAssignment() + continueIfChecked() }
            return []
        case .inspected(let inspection):
            let effects = received(inspection)
            return effects + continueIfChecked()
        case .planned(let plan):
            // A plan for answers that have changed since is stale: dropped, never shown or written.
            guard plan.answers == answers() else { return [] }
            if step == .services { services.preview = plan } else if let request = renewalRequest {
                // A renewal is checked against the certificate in use, as `pftls renew` does;
                // names-dropped is a warning here: the review shows it before anything is written.
                let old = summary?.currentLeaf
                let checked = plan.adding(RenewalPlanner.checks(old: old, new: plan.leaf, file: request.certificate, refusingDroppedNames: false))
                let comparison = RenewalComparison(old: old, new: plan.leaf, keyInUse: summary?.renewal?.privateKey ?? "", newKey: request.key)
                review.show(checked, preface: comparison.lines(width: width - 2), width: width - 2)
            } else {
                review.show(plan, width: width - 2)
            }
            review.busy = nil
            return []
        case .applied(let outcome):
            finish(outcome)
            return []
        case .requestMade(let outcome):
            request.busy = false
            switch outcome {
            case .success(let made):
                result = ResultStepState(succeeded: true, lines: made.request.split(separator: "\n").map(String.init) + [""] + RequestMaker.summary(made),
                                         width: screenLayout.textWidth)
                step = .result
                visited.insert(.result)
            case .failure(let problem):
                message = (problem.description, .error)
            }
            return []
        case .saved(let text):
            message = (text, .ok)
            return []
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> [Effect] {
        if overlay != nil { return handleOverlay(key) }
        message = nil
        // Any key takes over from a Next waiting for a check (F10 again asks again).
        nextWhenChecked = nil
        if let effects = handleTextInput(key) { return effects }
        guard let action = keyMap.action(for: key) else { return typeahead(key) }
        switch action {
        case .quit:
            if step == .result || !hasUnsavedWork { exitCode = 0 } else { overlay = .confirmQuit }
            return []
        case .help:
            overlay = helpOverlay()
            return []
        case .next: return goNext()
        case .back: return goBack()
        default: return stepAction(action)
        }
    }

    private mutating func handleOverlay(_ key: Key) -> [Effect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help(let title, let lines, let offset):
            switch keyMap.action(for: key) {
            case .up, .down, .pageUp, .pageDown:
                let rows = screenLayout.helpRows
                let delta = [Action.up: -1, .down: 1, .pageUp: -rows, .pageDown: rows][keyMap.action(for: key)!]!
                overlay = .help(title: title, lines: lines, offset: max(0, min(max(0, lines.count - rows), offset + delta)))
            case .back: overlay = nil
            default: break
            }
        case .confirmQuit:
            // Abandoning choices made is an interruption, as Ctrl-C is to a shell: 130.
            if keyMap.action(for: key) == .activate { exitCode = WizardModel.abandonedExitCode }
            overlay = nil
        case .prompt(let title, var field, let purpose):
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                return save(purpose, to: field.value)
            default:
                _ = field.edit(key)
                overlay = .prompt(title: title, field: field, purpose: purpose)
            }
        }
        return []
    }

    /// Keys that a focused text field takes before the key map sees them.
    private mutating func handleTextInput(_ key: Key) -> [Effect]? {
        let editing: Bool
        switch key {
        case .character, .backspace, .delete, .left, .right, .home, .end, .control("u"), .control("a"), .control("e"): editing = true
        default: editing = false
        }
        switch step {
        case .directory:
            if key == .tab { return [.completeDirectory(directory.field.value)] }
            guard editing else { return nil }
            _ = directory.field.edit(key)
            return [.checkDirectory(directory.field.value)]
        case .files where files.focus == .path:
            if key == .enter { return openPath(files.pathField.value) }
            guard editing else { return nil }
            _ = files.pathField.edit(key)
            return []
        case .request where request.focus.takesText:
            guard editing else { return nil }
            request.edit(key)
            return []
        case .passphrase:
            if key == .enter { return submitPassphrase() }
            guard editing else { return nil }
            passphrase.edit(key)
            return []
        case .services where services.listenFocused:
            guard editing, let row = services.focusedRow else { return nil }
            _ = services.rows[row].listen.edit(key)
            return []
        default:
            return nil
        }
    }

    // MARK: Navigation

    /// Goes to the next step when the current one allows it; says why not otherwise.
    mutating func goNext() -> [Effect] {
        // A check that is not on its way is asked for: the files, or the key to check them
        // with, may have changed since the last one (Renew chosen after the folder was read).
        let asked = step == .files ? inspectUnlessCurrent() : []
        if let problem = problemBlockingNext() {
            if step.behaviour.isChecking(self) {
                // Not a refusal: Next follows by itself when the check arrives.
                nextWhenChecked = step
                message = (Catalog.text("next.when-checked", ["problem": problem]), .dim)
            } else {
                nextWhenChecked = nil
                message = (Catalog.text("WizardUpdate.text") + problem, .error)
            }
            return asked
        }
        nextWhenChecked = nil
        // The last step of this path: Next creates the key and the CSR, the focus staying
        // where it is (a refusal leaves the user in the field being typed in).
        if step == .request { return createRequest() }
        guard let next = shownSteps.first(where: { $0 > step }) else { return [] }
        return enter(next)
    }

    /// Goes on when Next waited for the check that just arrived; says why not if it found a problem.
    private mutating func continueIfChecked() -> [Effect] {
        guard let waiting = nextWhenChecked, waiting == step, !step.behaviour.isChecking(self) else { return [] }
        nextWhenChecked = nil
        message = nil
        return goNext()
    }

    mutating func goBack() -> [Effect] {
        guard step != .start, step != .result else { return [] }
        if let previous = shownSteps.last(where: { $0 < step }) { step = previous }
        return []
    }

    mutating func enter(_ next: StepID) -> [Effect] {
        step = next
        visited.insert(next)
        switch next {
        case .files:
            if files.assignment.paths.isEmpty { return suggestAssignment() }
            return inspectUnlessCurrent()
        case .services, .review:
            guard let answers = answers() else { return [] }
            if next == .review { review.plan = nil; review.busy = Catalog.text("WizardUpdate.text2") }
            return [.plan(answers, passphrase: acceptedPassphrase)]
        default:
            return []
        }
    }

    /// Why the current step cannot go on, or nil.
    func problemBlockingNext() -> String? { step.behaviour.blockingProblem(self) }
}
