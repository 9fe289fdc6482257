import PftlsCore

/// F1 / `?`: the long help of what has focus, from the same catalog as `pftls explain`.
extension WizardModel {
    /// The catalog entry (and value) for the focused option.
    var helpTopic: (name: String, value: String?) {
        switch step {
        case .start, .review, .result: return ("smtpd_tls_chain_files", nil)
        case .directory: return ("layout.chain-file", nil)
        case .files: return ("smtpd_tls_chain_files", nil)
        case .passphrase: return ("smtpd_tls_key_file", nil)
        case .levels:
            switch levels.focus {
            case .smtpd, .dedicated, .next: return ("smtpd_tls_security_level", levels.smtpdLevel)
            case .smtp, .lowering: return ("smtp_tls_security_level", levels.smtpLevel)
            case .layout: return (levels.helpName, nil)
            }
        case .services:
            let row = services.focusedRow ?? 0
            return ("service." + services.rows[row].name.rawValue, nil)
        }
    }

    func helpOverlay() -> Overlay {
        let topic = helpTopic
        guard let help = ParameterHelpCatalog.lookup(topic.name) else {
            return .help(title: topic.name, lines: ["No help for \(topic.name)."], offset: 0)
        }
        let text = HelpTextLayout.detail(help, value: topic.value, width: width - 12)
        return .help(title: "Help: \(help.name)", lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), offset: 0)
    }

    /// The one-line summary of a level or layout value, for radio lists.
    static func valueSummary(_ parameter: String, _ value: String) -> String {
        ParameterHelpCatalog.lookup(parameter)?.values.first { $0.value == value }?.summary ?? ""
    }
}
