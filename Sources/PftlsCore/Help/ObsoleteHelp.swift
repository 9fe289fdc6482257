extension ParameterHelpCatalog {
    /// Settings older guides still copy; pftls removes them from main.cf.
    static let obsolete: [ParameterHelp] = [
        replaced("smtpd_use_tls", by: "smtpd_tls_security_level", level: "may",
                 summary: "Old switch for offering STARTTLS; use the server level",
                 what: "offered STARTTLS to clients without requiring it"),
        replaced("smtpd_enforce_tls", by: "smtpd_tls_security_level", level: "encrypt",
                 summary: "Old switch for requiring STARTTLS; use the server level",
                 what: "required clients to use STARTTLS"),
        replaced("smtp_use_tls", by: "smtp_tls_security_level", level: "may",
                 summary: "Old switch for client TLS when offered; use the client level",
                 what: "made the SMTP client use TLS when the other server offered it"),
        replaced("smtp_enforce_tls", by: "smtp_tls_security_level", level: "encrypt",
                 summary: "Old switch for mandatory client TLS; use the client level",
                 what: "made the SMTP client refuse to deliver without TLS"),
        replaced("smtp_tls_enforce_peername", by: "smtp_tls_security_level", level: "verify",
                 summary: "Old peer name check for mandatory TLS; use the client level",
                 what: "decided whether mandatory TLS also checked the server's name", default: "yes"),
        ParameterHelp(
            "smtpd_tls_dh1024_param_file",
            summary: "Custom DH parameters; Postfix chooses good ones itself",
            since: "2.2", default: "", obsolete: true,
            explanation: """
                A file of Diffie-Hellman parameters for the old non-elliptic key \
                exchange. Postfix has a 2048-bit built-in default, and from 3.7 with \
                OpenSSL 3 it lets OpenSSL pick parameters for each handshake, which \
                interoperates best.

                Old guides generate a file with "openssl dhparam". It is no longer \
                needed, so pftls removes the setting and reports that it did.
                """),
        ParameterHelp(
            "smtpd_tls_eecdh_grade",
            summary: "Old elliptic-curve strength grade; ignored since 3.6",
            since: "2.6", default: "auto", obsolete: true,
            explanation: """
                Once chose how strong the elliptic-curve key exchange should be \
                (none, strong, ultra). Since Postfix 3.6 the value is ignored and \
                Postfix always behaves as "auto", choosing from \
                tls_eecdh_auto_curves; Postfix 3.9 warns when it is set.

                pftls removes it and reports that it did.
                """),
        ParameterHelp(
            "tls_eecdh_auto_curves",
            summary: "Preferred elliptic curves; the default list is fine",
            since: "3.2", default: "X25519 X448 prime256v1 secp521r1 secp384r1", obsolete: true,
            explanation: """
                The elliptic curves client and server offer, in order of preference. \
                The built-in list suits almost everyone; a list of only new curves \
                shuts out many peers. Postfix 3.7 still honours it; Postfix 3.11 \
                makes it obsolete.

                pftls removes it so that the default applies, and reports that it did.
                """),
    ]

    /// An entry for a yes/no switch that a security level replaced.
    private static func replaced(_ name: String, by level: String, level value: String, summary: String,
                                 what: String, default defaultValue: String = "no") -> ParameterHelp {
        ParameterHelp(
            name, summary: summary, since: "2.2", default: defaultValue, obsolete: true,
            explanation: """
                Before Postfix 2.3 this switch \(what). Since 2.3 the \(level) \
                parameter does the job: its value "\(value)" is the modern \
                equivalent, and once the level is set this switch is ignored.

                Guides still copy it. pftls always sets \(level) and then removes \
                \(name) from main.cf, reporting that it did, so the configuration \
                says only what takes effect.
                """)
    }
}
