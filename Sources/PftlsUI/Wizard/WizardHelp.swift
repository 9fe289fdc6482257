import PftlsCore

/// F1 / `?`: the long help of what has focus, from the same catalog as `pftls explain`.
extension WizardModel {
    /// The help box for what has focus: the step's own text, or the catalog entry of the
    /// focused option, after what the screen cut to fit.
    func helpOverlay() -> Overlay {
        let shared = shared
        let step = current
        let topic = step.helpTopic(shared)
        let screenText = onThisScreen(step, shared)
        if let own = step.help(shared) {
            return .help(title: own.title, lines: HelpTextLayout.wrap(own.text, width: screenLayout.helpWidth) + [""] + screenText, offset: 0)
        }
        guard let help = ParameterHelpCatalog.lookup(topic.name) else {
            return .help(title: topic.name, lines: screenText + [Catalog.text("wizard.help.none", ["name": "\(topic.name)"])], offset: 0)
        }
        let text = HelpTextLayout.detail(help, value: topic.value, width: screenLayout.helpWidth)
        return .help(title: Catalog.text("help.title", ["name": Self.helpTitle(help.name)]), lines: screenText + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), offset: 0)
    }

    /// The findings and message of the current step in full, wrapped for the help box:
    /// the screen cuts them to fit, F1 shows all of them.
    private func onThisScreen(_ step: any WizardStep, _ shared: StepContext) -> [String] {
        let width = screenLayout.helpWidth
        var lines: [String] = []
        if let message { lines += WrappedText.lines(message.text, width: width) + [""] }
        let facts = step.facts(shared)
        if !facts.isEmpty { lines += facts.flatMap { WrappedText.lines($0, width: width) } + [""] }
        let findings = FindingList(step.findings(shared)).findings
        guard !findings.isEmpty else { return lines }
        lines.append(Catalog.text("wizard.help.onThisScreen"))
        for finding in findings {
            lines += WrappedText.lines("\(finding.severity.label) [\(finding.code)] \(finding.message)", width: width)
            lines += WrappedText.lines("  " + Catalog.text("finding.fix", ["hint": finding.hint]), width: width)
        }
        return lines + [""]
    }

    /// The title of a help entry as a user knows it: the parameter, or for pftls' own
    /// entries the file layout or the master.cf service, never the catalog's id.
    static func helpTitle(_ name: String) -> String {
        if name.hasPrefix("layout.") { return Catalog.text("wizard.help.layout", ["layout": String(name.dropFirst("layout.".count))]) }
        if name.hasPrefix("service.") { return Catalog.text("help.service-title", ["service": String(name.dropFirst("service.".count))]) }
        return name
    }
}
