extension ParameterHelpCatalog {
    /// Settings older guides still copy; pftls removes them from main.cf.
    static let obsolete: [ParameterHelp] = [
        replaced("smtpd_use_tls", by: "smtpd_tls_security_level", level: "may"),
        replaced("smtpd_enforce_tls", by: "smtpd_tls_security_level", level: "encrypt"),
        replaced("smtp_use_tls", by: "smtp_tls_security_level", level: "may"),
        replaced("smtp_enforce_tls", by: "smtp_tls_security_level", level: "encrypt"),
        replaced("smtp_tls_enforce_peername", by: "smtp_tls_security_level", level: "verify", default: "yes"),
        ParameterHelp(
            "smtpd_tls_dh1024_param_file",
            since: "2.2", default: "", obsolete: true),
        ParameterHelp(
            "smtpd_tls_eecdh_grade",
            since: "2.6", default: "auto", obsolete: true),
        ParameterHelp(
            "tls_eecdh_auto_curves",
            since: "3.2", default: "X25519 X448 prime256v1 secp521r1 secp384r1", obsolete: true),
    ]

    /// An entry for a yes/no switch that a security level replaced.
    private static func replaced(_ name: String, by level: String, level value: String,
                                 default defaultValue: String = "no") -> ParameterHelp {
        ParameterHelp(name, since: "2.2", default: defaultValue, obsolete: true)
    }
}
