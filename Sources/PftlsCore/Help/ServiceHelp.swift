extension ParameterHelpCatalog {
    /// The mail services pftls sets up in master.cf (`Answers.ServiceName`).
    static let services: [ParameterHelp] = [
        ParameterHelp(
            "service.smtp",
            summary: "Port 25: mail from other servers, STARTTLS offered",
            default: nil,
            reference: "master(5); smtpd(8); RFC 3207",
            explanation: """
                The "smtp inet" entry in master.cf: port 25, where other mail servers \
                deliver to you. It follows main.cf, so with \
                smtpd_tls_security_level = may it offers STARTTLS but still accepts \
                mail from senders without TLS, as RFC 3207 requires of a public MX.

                pftls adds no -o overrides here. It makes sure an active smtpd entry \
                exists, and never turns on Debian's commented-out postscreen line, \
                which needs further services to work.
                """),
        ParameterHelp(
            "service.submission",
            summary: "Port 587: your users send mail; STARTTLS and login required",
            default: nil,
            reference: "master(5); smtpd(8); RFC 6409",
            explanation: """
                The "submission inet" entry in master.cf: port 587, where your users' \
                mail programs hand in outgoing mail. pftls uncomments Debian's \
                template when there is one (or adds an entry) and sets:

                    -o smtpd_tls_security_level=encrypt
                    -o smtpd_sasl_auth_enable=yes
                    -o smtpd_tls_auth_only=yes
                    -o smtpd_client_restrictions=permit_sasl_authenticated,reject

                So a client must switch to TLS with STARTTLS, then log in, before it \
                may send anything. Logging in needs a SASL back end (Dovecot or \
                Cyrus); pftls warns when it finds none.
                """),
        ParameterHelp(
            "service.submissions",
            summary: "Port 465: your users send mail over implicit TLS with login",
            default: nil,
            reference: "master(5); smtpd(8); RFC 8314",
            explanation: """
                The "submissions inet" entry in master.cf: port 465, formerly called \
                "smtps". The connection is encrypted from the first byte (RFC 8314 \
                recommends this over STARTTLS for mail programs). pftls sets:

                    -o smtpd_tls_wrappermode=yes
                    -o smtpd_sasl_auth_enable=yes
                    -o smtpd_client_restrictions=permit_sasl_authenticated,reject

                Wrapper mode ignores smtpd_tls_security_level, so no level is set. \
                Postfix 3.6 and later know the names submission and submissions even \
                where /etc/services lacks them (some systems call 465 "urd"). The \
                guide's "net" in this line and its en dashes would make Postfix \
                reject master.cf; pftls writes "inet" and ASCII hyphens.
                """),
    ]
}
