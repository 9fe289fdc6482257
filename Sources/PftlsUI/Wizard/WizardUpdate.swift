import PftlsCore

/// `update`: an event in, the new model and the work to start out.
extension WizardModel {
    /// Applies `event` and returns the effects to run.
    public mutating func update(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            guard fitsScreen else { return tooSmall(key) }
            return handle(key)
        case .resize(let width, let height):
            self.width = width
            self.height = height
            rewrapHelp()
            return []
        case .saved(let text):
            message = (text, .ok)
            return []
        case .postfixDetected(let installation, let summary):
            self.installation = installation
            self.summary = summary
            return broadcast(event)
        default:
            return broadcast(event)
        }
    }

    /// Every step hears background work's result and takes its own; then a Next that was
    /// waiting for a check goes on if the check is in.
    private mutating func broadcast(_ event: Event) -> [Effect] {
        let shared = shared
        var replies: [StepReply] = []
        for index in steps.indices { replies.append(steps[index].receive(event, shared)) }
        return replies.flatMap { apply($0) } + continueIfChecked()
    }

    /// Does what a step's reply asks: its message, its box, where to go; returns its work
    /// and the work the move starts.
    private mutating func apply(_ reply: StepReply) -> [Effect] {
        if let text = reply.message { message = text }
        if let box = reply.overlay { overlay = box }
        switch reply.navigation {
        case nil: return reply.effects
        case .next: return reply.effects + goNext()
        case .back: return reply.effects + goBack()
        case .finish(let outcome):
            result = outcome
            guard let last = steps.last?.id else { return reply.effects }
            return reply.effects + enter(last)
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> [Effect] {
        if overlay != nil { return handleOverlay(key) }
        // The help keeps the message it would show whole ("… (F1)").
        if keyMap.action(for: key) != .help { message = nil }
        // Any key takes over from a Next waiting for a check (F10 again asks again).
        nextWhenChecked = nil
        let index = currentIndex
        // A focused text field takes its keys before the key map.
        if let reply = steps[index].input(key, shared) { return apply(reply) }
        guard let action = keyMap.action(for: key) else { return [] }
        switch action {
        case .quit:
            if isFinished || !hasUnsavedWork { exitCode = 0 } else { overlay = .confirmQuit }
            return []
        case .help:
            overlay = helpOverlay()
            return []
        case .next: return goNext()
        case .back: return goBack()
        default: return apply(steps[index].handle(action, shared))
        }
    }

    /// An open help box is wrapped again at the new width, scrolled as far through its
    /// text as it was (the first row shown keeps its share of the lines).
    private mutating func rewrapHelp() {
        guard case .help(_, let before, let offset)? = overlay, fitsScreen, case .help(let title, let lines, _) = helpOverlay() else { return }
        let kept = before.isEmpty ? 0 : offset * lines.count / before.count
        overlay = .help(title: title, lines: lines, offset: max(0, min(max(0, lines.count - screenLayout.helpRows), kept)))
    }

    private mutating func handleOverlay(_ key: Key) -> [Effect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help(let title, let lines, let offset):
            let action = keyMap.action(for: key)
            let rows = screenLayout.helpRows
            if let delta = action?.rows(page: rows) {
                overlay = .help(title: title, lines: lines, offset: max(0, min(max(0, lines.count - rows), offset + delta)))
            } else if action == .back {
                overlay = nil
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
                // The answer goes to the step that asked.
                return apply(steps[currentIndex].answer(purpose, with: field.value, shared))
            default:
                _ = field.edit(key)
                overlay = .prompt(title: title, field: field, purpose: purpose)
            }
        }
        return []
    }

    // MARK: Navigation

    /// Goes to the next step of the path when the current one allows it; says why not otherwise.
    mutating func goNext() -> [Effect] {
        let index = currentIndex
        // A check that is not on its way is asked for: what it checks may have changed.
        let asked = steps[index].nextAsked(shared)
        let shared = shared
        if let problem = steps[index].blockingProblem(shared) {
            if steps[index].isChecking(shared) {
                // Not a refusal: Next follows by itself when the check arrives.
                nextWhenChecked = step
                message = (Catalog.text("next.when-checked", ["problem": problem]), .dim)
            } else {
                nextWhenChecked = nil
                message = (Catalog.text("wizard.nextRefused", ["problem": problem]), .error)
            }
            return asked
        }
        nextWhenChecked = nil
        // The last step of its path does its work instead, the focus staying where it is
        // (a refusal leaves the user in the field being typed in).
        guard let next = steps[(index + 1)...].first(where: { $0.isOnPath(shared) }) else {
            return apply(steps[index].endOfPath(shared))
        }
        return enter(next.id)
    }

    /// Goes on when Next waited for the check that just arrived; says why not if it found a problem.
    private mutating func continueIfChecked() -> [Effect] {
        guard let waiting = nextWhenChecked, waiting == step, !current.isChecking(shared) else { return [] }
        nextWhenChecked = nil
        message = nil
        return goNext()
    }

    /// Goes to the step before on the path; the last screen has no way back.
    mutating func goBack() -> [Effect] {
        guard !isFinished else { return [] }
        let shared = shared
        if let previous = steps[..<currentIndex].last(where: { $0.isOnPath(shared) }) { step = previous.id }
        return []
    }

    /// Puts `id` on screen and starts the work it needs.
    mutating func enter(_ id: StepID) -> [Effect] {
        step = id
        visited.insert(id)
        let index = currentIndex
        return steps[index].enter(shared)
    }

    /// On a screen too small to draw on, only quitting is possible (q or Ctrl-C): at once,
    /// since no dialog can be shown, and with the exit status a confirmed quit would give.
    private mutating func tooSmall(_ key: Key) -> [Effect] {
        guard key == .character("q") || key == .control("c") else { return [] }
        exitCode = isFinished || !hasUnsavedWork ? 0 : WizardModel.abandonedExitCode
        return []
    }
}
