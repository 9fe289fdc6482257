extension ParameterHelpCatalog {
    /// The trust anchors the SMTP client checks other servers against.
    static let clientTrust: [ParameterHelp] = [
        ParameterHelp(
            "smtp_tls_CAfile",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtp_tls_CApath",
            since: "2.2", default: ""),
    ]
}
