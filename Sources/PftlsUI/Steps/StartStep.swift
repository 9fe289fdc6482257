import FoundationEssentials
import PftlsCore

extension StepID {
    /// The Postfix in place and its TLS set-up; set up, renew, or no certificate yet.
    static let start = StepID("start")
}

/// Start: the Postfix in place and its current TLS state; set up, renew, or make a
/// key and CSR first.
struct StartStep: WizardStep {
    var id: StepID { .start }
    var title: String { Catalog.text("step.start") }

    /// The button with the focus.
    var choice: WizardPath = .setUp
    /// True once the user moved among the buttons: the focus is theirs from then on.
    var choiceMoved = false
    /// The path taken, once a button was pressed.
    var path: WizardPath = .setUp

    func isOnPath(_ shared: StepContext) -> Bool { true }

    /// The buttons in the order of a certificate's life: no certificate yet, set up, and
    /// renew when there is a set-up to renew.
    static func choices(_ shared: StepContext) -> [WizardPath] { shared.canRenew ? [.request, .setUp, .renew] : [.request, .setUp] }

    /// True when TLS is set up with a certificate from a CA: the focus begins on Renew.
    /// A self-signed placeholder (Debian's snakeoil) is set up rather than renewed.
    static func setUpIsRenewable(_ shared: StepContext) -> Bool { shared.canRenew && shared.summary?.currentLeaf?.isSelfSigned == false }

    func keyMap(_ shared: StepContext) -> KeyMap {
        // The footer names what is there: a choice among the buttons shown, Renew or not.
        let choose = [KeyBinding([.right], .right, label: "←→", help: Catalog.text("word.choose")),
                      KeyBinding([.left], .left, help: Catalog.text("word.choose"), inFooter: false)]
        return KeyMap([KeyBinding([.enter], .activate, help: Catalog.text("word.begin"))] + choose + KeyMap.common.filter { $0.action != .activate && $0.action != .back })
    }

    /// F1 explains the choice: what each button leads to.
    func help(_ shared: StepContext) -> (title: String, text: String)? {
        let choices = Self.choices(shared).map { choice in
            switch choice {
            case .setUp: Catalog.text("start.help.set-up")
            case .renew: Catalog.text("start.help.renew")
            case .request: Catalog.text("start.help.request")
            }
        }
        return (Catalog.text("start.help.title"), (choices + [Catalog.text("start.help.keys")]).joined(separator: "\n\n"))
    }

    func facts(_ shared: StepContext) -> [String] {
        guard let summary = shared.summary else { return [] }
        return [(summary.filesInUse.isEmpty ? Catalog.text("status.noFilesInUse") : Catalog.text("status.filesInUse", ["files": summary.filesInUse.joinedAsList()]))]
            + Self.presentation(summary, glyphs: shared.wizard.glyphs).map { $0.label + " " + $0.text }
            + [summary.problem.map { Catalog.text("help.problem", ["problem": $0]) }].compactMap { $0 }
    }

    /// What the server presents besides its one certificate, one labelled line each: the
    /// key types in use with their leaves, and each SNI map with its first names. Nothing
    /// for a single pair without maps, which Start shows as it always did.
    static func presentation(_ summary: PostfixSummary, glyphs: Glyphs) -> [(label: String, text: String)] {
        guard summary.presentsSeveral else { return [] }
        let keys = summary.presentedKeys.map { key in
            Catalog.text("wizard.sni.start.key", ["algorithm": "\(key.algorithm)", "name": SafeText.escape(key.name),
                                                  "date": String(UTCTimestamp.format(key.notAfter).prefix(10))])
        }
        let maps = summary.sniMaps.map { map in (label: Catalog.text("wizard.sni.start.mapLabel"), text: mapLine(map, glyphs: glyphs)) }
        return (keys.isEmpty ? [] : [(Catalog.text("wizard.sni.start.keysLabel"), keys.joinedAsList())]) + maps
    }

    /// How many names of a map Start shows before the ellipsis.
    static let mapNamesShown = 3

    /// One SNI map: its table, where it is set, how many entries and the first names.
    private static func mapLine(_ map: SNIMapInUse, glyphs: Glyphs) -> String {
        let table = map.reference.type == "inline" ? "inline:{\(glyphs.ellipsis)}" : SafeText.escape(map.reference.type + ":" + map.reference.name)
        let placed = map.service.map { Catalog.text("wizard.sni.start.mapOfService", ["map": table, "service": SafeText.escape($0)]) } ?? table
        if let problem = map.problem { return Catalog.text("wizard.sni.start.mapUnreadable", ["map": placed, "problem": problem.message]) }
        guard let entries = map.source?.entries else { return Catalog.text("wizard.sni.start.mapPatterns", ["map": placed]) }
        guard !entries.isEmpty else { return Catalog.text("wizard.sni.start.mapEmpty", ["map": placed]) }
        let names = entries.prefix(mapNamesShown).map { SafeText.escape($0.name) } + (entries.count > mapNamesShown ? [glyphs.ellipsis] : [])
        return Catalog.text(entries.count == 1 ? "wizard.sni.start.mapOneEntry" : "wizard.sni.start.mapEntries",
                            ["map": placed, "count": "\(entries.count)", "names": names.joinedAsList()])
    }

    mutating func handle(_ action: Action, _ shared: StepContext) -> StepReply {
        // ←→ move among the buttons and stop at either end; Tab goes round.
        let choices = Self.choices(shared)
        let index = choices.firstIndex(of: choice) ?? 0
        let target: Int? = switch action {
        case .right: min(index + 1, choices.count - 1)
        case .left: max(index - 1, 0)
        case .focusNext: (index + 1) % choices.count
        case .focusPrevious: (index + choices.count - 1) % choices.count
        default: nil
        }
        if let target {
            choice = choices[target]
            choiceMoved = true
        }
        guard action == .activate else { return .nothing }
        path = choice == .renew && !shared.canRenew ? .setUp : choice
        return .next
    }

    mutating func receive(_ event: Event, _ shared: StepContext) -> StepReply {
        // With TLS set up, renewing is what brings most people back: the focus starts there.
        if case .postfixDetected = event, shared.isCurrent(id), !choiceMoved {
            choice = Self.setUpIsRenewable(shared) ? .renew : .setUp
        }
        return .nothing
    }

    func contribute(to shared: inout StepContext) { shared.path = path }

    /// The label of the button that takes `choice`.
    private static func label(_ choice: WizardPath) -> String {
        switch choice {
        case .setUp: Catalog.text("wizard.start.setUp")
        case .renew: Catalog.text("wizard.start.renew")
        case .request: Catalog.text("request.start")
        }
    }

    func draw(into screen: inout ScreenBuffer, area: Rect, _ shared: StepContext) {
        let x = area.x + 2
        var y = area.top
        let glyphs = shared.wizard.glyphs
        let width = area.width - 4
        y = WrappedText(Catalog.text("wizard.start.welcome"), indent: 0).draw(into: &screen, x: x, y: y, width: width, maxRows: 3, glyphs: glyphs) + 1
        if let demo = shared.wizard.demo {
            y = WrappedText(Catalog.text("wizard.start.demo", ["root": "\(demo.root)"]), style: .accent)
                .draw(into: &screen, x: x, y: y, width: width, maxRows: 3, glyphs: glyphs) + 1
        }
        guard let summary = shared.summary else {
            screen.put(Catalog.text("wizard.start.detecting"), x: x, y: y, style: .dim)
            Button(Catalog.text("wizard.start.setUp")).draw(into: &screen, x: x, y: area.bottom - 1, focused: true)
            return
        }
        let label = { (text: String) in DisplayWidth.pad(text, to: 16) }
        let state = shared.wizard.demo != nil ? "wizard.start.postfix.sandbox" : (summary.running ? "wizard.start.postfix.running" : "wizard.start.postfix.notRunning")
        screen.put(label(Catalog.text("word.postfix")) + (summary.version.map { Catalog.text(state, ["version": "\($0)"]) } ?? Catalog.text("wizard.start.notInstalled")), x: x, y: y); y += 1
        screen.put(label(Catalog.text("word.config")) + summary.configDirectory, x: x, y: y); y += 1
        y = WrappedText(label(Catalog.text("wizard.start.filesInUse")) + (summary.filesInUse.isEmpty ? Catalog.text("wizard.start.noTLS") : summary.filesInUse.joinedAsList()))
            .draw(into: &screen, x: x, y: y, width: width, maxRows: 2, glyphs: glyphs)
        if let subject = summary.certificateSubject {
            screen.put(label(Catalog.text("word.certificate")) + subject, x: x, y: y); y += 1
            if !summary.certificateNames.isEmpty { screen.put(label(Catalog.text("word.names")) + summary.certificateNames.joinedAsList(), x: x, y: y); y += 1 }
            if let notAfter = summary.notAfter {
                let days = Int(notAfter.timeIntervalSinceNow / 86_400)
                // Coloured as `check` judges it: by the certificate's lifetime.
                let soon = summary.currentLeaf.flatMap { ExpiryThresholds().severity(of: $0, at: Date()) }
                let style: Style = days < 0 || soon == .error ? .error : (soon == .warning ? .warning : .ok)
                screen.put(label(Catalog.text("word.expires")) + Catalog.text(days < 0 ? "wizard.start.expired" : (days == 1 ? "wizard.start.inOneDay" : "wizard.start.inDays"), ["date": UTCTimestamp.format(notAfter), "days": "\(days)"]), x: x, y: y, style: style); y += 1
            }
        }
        // Several key types or SNI maps: each on its own lines, above the renewal note.
        for line in Self.presentation(summary, glyphs: glyphs) where y < area.bottom - 3 {
            y = WrappedText(label(line.label) + line.text).draw(into: &screen, x: x, y: y, width: width, maxRows: min(2, area.bottom - 3 - y), glyphs: glyphs)
        }
        if let problem = summary.problem {
            WrappedText(label(Catalog.text("word.problem")) + problem, style: .warning)
                .draw(into: &screen, x: x, y: y, width: width, maxRows: max(1, area.bottom - 4 - y), glyphs: glyphs)
        }
        let choices = Self.choices(shared)
        Button.drawRow(choices.map { Button(Self.label($0)) }, focused: choices.firstIndex(of: choice), into: &screen, x: x, y: area.bottom - 1)
        if shared.canRenew {
            screen.put(Catalog.text("wizard.start.renewKeeps"), x: x, y: area.bottom - 3, style: .dim, limit: area.width - 3)
        }
    }
}
