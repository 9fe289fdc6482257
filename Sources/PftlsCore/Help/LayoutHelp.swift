extension ParameterHelpCatalog {
    /// The ways pftls lays the key and certificates out on disk (`Answers.Layout`).
    static let layouts: [ParameterHelp] = [
        ParameterHelp(
            "layout.chain-file",
            since: "3.4", default: nil,
            reference: "postconf(5): smtpd_tls_chain_files"),
        ParameterHelp(
            "layout.separate-files",
            default: nil,
            reference: "postconf(5): smtpd_tls_cert_file, smtpd_tls_key_file"),
    ]
}
