extension ParameterHelpCatalog {
    /// The server and client TLS security levels, and the DNS support DANE needs.
    static let securityLevels: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_security_level",
            since: "2.3", default: "",
            values: [
                ValueHelp("none"),
                ValueHelp("may"),
                ValueHelp("encrypt"),
            ]),
        ParameterHelp(
            "smtp_tls_security_level",
            since: "2.3", default: "",
            values: [
                ValueHelp("none"),
                ValueHelp("may"),
                ValueHelp("encrypt"),
                ValueHelp("dane"),
                ValueHelp("dane-only"),
                ValueHelp("fingerprint"),
                ValueHelp("verify"),
                ValueHelp("secure"),
            ]),
        ParameterHelp(
            "smtp_dns_support_level",
            since: "2.11", default: "",
            values: [
                ValueHelp("disabled"),
                ValueHelp("enabled"),
                ValueHelp("dnssec"),
            ]),
    ]
}
