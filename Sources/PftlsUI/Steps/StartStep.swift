import Foundation
import PftlsCore

/// Start: the Postfix in place and its current TLS state; set up or renew.
enum StartStep: WizardStep {
    static func keyMap(_ model: WizardModel) -> KeyMap {
        let choose = model.canRenew ? [KeyBinding([.left, .right], .right, label: "←→", help: "Set up/Renew")] : []
        return KeyMap([KeyBinding([.enter], .activate, help: "Begin")] + choose + KeyMap.common.filter { $0.action != .activate && $0.action != .back })
    }

    static func handle(_ action: Action, in model: inout WizardModel) -> [Effect] {
        if [.left, .right, .focusNext, .focusPrevious].contains(action), model.canRenew { model.startChoiceRenew.toggle() }
        guard action == .activate else { return [] }
        model.renewing = model.startChoiceRenew && model.canRenew
        return model.goNext()
    }

    static func draw(_ model: WizardModel, into screen: inout ScreenBuffer, top: Int, bottom: Int) {
        var y = top
        let glyphs = model.context.glyphs
        let width = model.width - 4
        screen.put("Welcome. This wizard installs a server certificate into Postfix, step by", x: 2, y: y); y += 1
        screen.put("step, and checks every step. Nothing is written before the review.", x: 2, y: y); y += 2
        if let demo = model.context.demo {
            y = WizardView.drawWrapped("Demo mode: everything happens in the sandbox \(demo.root), with its own Postfix configuration. The real system is never touched.",
                                       into: &screen, x: 2, y: y, width: width, maxRows: 3, style: .accent, glyphs: glyphs) + 1
        }
        guard let summary = model.summary else {
            screen.put("Detecting Postfix…", x: 2, y: y, style: .dim)
            WizardView.drawNext(true, into: &screen, y: bottom - 1, label: "Set up a certificate")
            return
        }
        let label = { (text: String) in text.padding(toLength: 16, withPad: " ", startingAt: 0) }
        let state = model.context.demo != nil ? " (the sandbox is never started)" : (summary.running ? ", running" : ", not running")
        screen.put(label("Postfix") + (summary.version.map { "\($0)" + state } ?? "not installed"), x: 2, y: y); y += 1
        screen.put(label("Config") + summary.configDirectory, x: 2, y: y); y += 1
        y = WizardView.drawWrapped(label("Files in use") + (summary.filesInUse.isEmpty ? "none (TLS is not set up)" : summary.filesInUse.joined(separator: ", ")),
                                   into: &screen, x: 2, y: y, width: width, maxRows: 2, style: .plain, glyphs: glyphs)
        if let subject = summary.certificateSubject {
            screen.put(label("Certificate") + subject, x: 2, y: y); y += 1
            if !summary.certificateNames.isEmpty { screen.put(label("Names") + summary.certificateNames.joined(separator: ", "), x: 2, y: y); y += 1 }
            if let notAfter = summary.notAfter {
                let days = Int(notAfter.timeIntervalSinceNow / 86_400)
                let style: Style = days < 0 ? .error : (days <= 30 ? .warning : .ok)
                screen.put(label("Expires") + UTCTimestamp.format(notAfter) + (days < 0 ? " (expired)" : " (in \(days) days)"), x: 2, y: y, style: style); y += 1
            }
        }
        if let problem = summary.problem {
            WizardView.drawWrapped(label("Problem") + problem, into: &screen, x: 2, y: y, width: width,
                                   maxRows: max(1, bottom - 4 - y), style: .warning, glyphs: glyphs)
        }
        WizardView.drawNext(!model.startChoiceRenew, into: &screen, y: bottom - 1, label: "Set up a certificate")
        if model.canRenew {
            let selected = model.startChoiceRenew
            screen.put("[ Renew the certificate ]", x: 30, y: bottom - 1, style: selected ? Style(bold: true, reverse: true) : .strong)
            screen.put("Renewal keeps the directory, layout, levels and services; only files change.", x: 2, y: bottom - 3, style: .dim, limit: model.width - 3)
        }
    }
}
