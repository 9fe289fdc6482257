import FoundationEssentials
import Glibc
import PftlsCore

/// Start: the Postfix in place and its current TLS state; set up or renew.
enum StartStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        // The footer names what is there: a choice among the buttons shown, Renew or not.
        let choose = [KeyBinding([.right], .right, label: "←→", help: Catalog.text("word.choose")),
                      KeyBinding([.left], .left, help: Catalog.text("word.choose"), inFooter: false)]
        return KeyMap([KeyBinding([.enter], .activate, help: Catalog.text("word.begin"))] + choose + KeyMap.common.filter { $0.action != .activate && $0.action != .back })
    }

    /// F1 explains the choice: what each button leads to.
    static func help(_ model: WizardModel) -> (title: String, text: String)? {
        let choices = model.startChoices.map { choice in
            switch choice {
            case .setUp: Catalog.text("start.help.set-up")
            case .renew: Catalog.text("start.help.renew")
            case .request: Catalog.text("start.help.request")
            }
        }
        return (Catalog.text("start.help.title"), (choices + [Catalog.text("start.help.keys")]).joined(separator: "\n\n"))
    }

    static func facts(_ model: WizardModel) -> [String] {
        guard let summary = model.summary else { return [] }
        return [Catalog.text("WizardHelp.text2") + (summary.filesInUse.isEmpty ? Catalog.text("word.none") : summary.filesInUse.joined(separator: ", ")),
                summary.problem.map { Catalog.text("help.problem", ["problem": $0]) }].compactMap { $0 }
    }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        // ←→ move among the buttons and stop at either end; Tab goes round.
        let choices = model.startChoices
        let index = choices.firstIndex(of: model.startChoice) ?? 0
        let target: Int? = switch action {
        case .right: min(index + 1, choices.count - 1)
        case .left: max(index - 1, 0)
        case .focusNext: (index + 1) % choices.count
        case .focusPrevious: (index + choices.count - 1) % choices.count
        default: nil
        }
        if let target {
            model.startChoice = choices[target]
            model.startChoiceMoved = true
        }
        guard action == .activate else { return [] }
        model.renewing = model.startChoice == .renew && model.canRenew
        model.requesting = model.startChoice == .request
        return model.goNext()
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        var y = top
        let glyphs = model.context.glyphs
        let width = model.width - 4
        screen.put(Catalog.text("StartStep.text2"), x: 2, y: y); y += 1
        screen.put(Catalog.text("StartStep.text3"), x: 2, y: y); y += 2
        if let demo = model.context.demo {
            y = WizardView.drawWrapped(Catalog.text("StartStep.text4", ["root": "\(demo.root)"]),
                                       into: &screen, x: 2, y: y, width: width, maxRows: 3, style: .accent, glyphs: glyphs) + 1
        }
        guard let summary = model.summary else {
            screen.put(Catalog.text("StartStep.text5"), x: 2, y: y, style: .dim)
            WizardView.drawNext(true, into: &screen, y: bottom - 1, label: Catalog.text("StartStep.text6"))
            return
        }
        let label = { (text: String) in DisplayWidth.pad(text, to: 16) }
        let state = model.context.demo != nil ? Catalog.text("StartStep.text7") : (summary.running ? Catalog.text("word.running") : Catalog.text("StartStep.text8"))
        screen.put(label(Catalog.text("word.postfix")) + (summary.version.map { "\($0)" + state } ?? Catalog.text("StartStep.text9")), x: 2, y: y); y += 1
        screen.put(label(Catalog.text("word.config")) + summary.configDirectory, x: 2, y: y); y += 1
        y = WizardView.drawWrapped(label(Catalog.text("StartStep.text10")) + (summary.filesInUse.isEmpty ? Catalog.text("StartStep.text11") : summary.filesInUse.joined(separator: ", ")),
                                   into: &screen, x: 2, y: y, width: width, maxRows: 2, style: .plain, glyphs: glyphs)
        if let subject = summary.certificateSubject {
            screen.put(label(Catalog.text("word.certificate")) + subject, x: 2, y: y); y += 1
            if !summary.certificateNames.isEmpty { screen.put(label(Catalog.text("word.names")) + summary.certificateNames.joined(separator: ", "), x: 2, y: y); y += 1 }
            if let notAfter = summary.notAfter {
                let days = Int(notAfter.timeIntervalSinceNow / 86_400)
                let style: Style = days < 0 ? .error : (days <= 30 ? .warning : .ok)
                screen.put(label(Catalog.text("word.expires")) + UTCTimestamp.format(notAfter) + (days < 0 ? Catalog.text("word.expired") : Catalog.text("StartStep.text12", ["days": "\(days)"])), x: 2, y: y, style: style); y += 1
            }
        }
        if let problem = summary.problem {
            WizardView.drawWrapped(label(Catalog.text("word.problem")) + problem, into: &screen, x: 2, y: y, width: width,
                                   maxRows: max(1, bottom - 4 - y), style: .warning, glyphs: glyphs)
        }
        var x = 2
        let labels: [WizardModel.StartChoice: String] = [.setUp: "[ " + Catalog.text("StartStep.text13") + " ]",
                                                         .renew: Catalog.text("StartStep.text14"), .request: "[ " + Catalog.text("request.start") + " ]"]
        for choice in model.startChoices {
            let label = labels[choice]!
            x = screen.put(label, x: x, y: bottom - 1, style: model.startChoice == choice ? Style(bold: true, reverse: true) : .strong) + 2
        }
        if model.canRenew {
            screen.put(Catalog.text("StartStep.text15"), x: 2, y: bottom - 3, style: .dim, limit: model.width - 3)
        }
    }
}
