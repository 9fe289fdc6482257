extension ParameterHelpCatalog {
    /// Where the SMTP server finds its key, certificate and chain.
    static let serverCertificates: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_chain_files",
            since: "3.4", default: ""),
        ParameterHelp(
            "smtpd_tls_cert_file",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtpd_tls_key_file",
            since: "2.2", default: "$smtpd_tls_cert_file"),
        ParameterHelp(
            "smtpd_tls_CAfile",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtpd_tls_CApath",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtpd_tls_eccert_file",
            since: "2.6", default: ""),
        ParameterHelp(
            "smtpd_tls_eckey_file",
            since: "2.6", default: "$smtpd_tls_eccert_file"),
        ParameterHelp(
            "smtpd_tls_dcert_file",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtpd_tls_dkey_file",
            since: "2.2", default: "$smtpd_tls_dcert_file"),
    ]
}
