extension ParameterHelpCatalog {
    /// The `-o` overrides pftls writes for ports 587 and 465, and the SASL settings they rely on.
    static let submission: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_wrappermode",
            since: "2.2", default: "no"),
        ParameterHelp(
            "smtpd_tls_auth_only",
            since: "2.2", default: "no"),
        ParameterHelp(
            "smtpd_sasl_auth_enable",
            default: "no"),
        ParameterHelp(
            "smtpd_sasl_type",
            since: "2.3", default: "cyrus",
            values: [
                ValueHelp("cyrus"),
                ValueHelp("dovecot"),
            ]),
        ParameterHelp(
            "smtpd_sasl_path",
            since: "2.3", default: "smtpd"),
        ParameterHelp(
            "smtpd_client_restrictions",
            default: ""),
    ]
}
