extension ParameterHelpCatalog {
    /// The `-o` overrides pftls writes for ports 587 and 465, and the SASL settings they rely on.
    static let submission: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_wrappermode",
            summary: "TLS from the first byte, no STARTTLS (port 465)",
            since: "2.2", default: "no",
            explanation: """
                Makes an SMTP server speak TLS immediately after the connection \
                opens, instead of waiting for STARTTLS. This is "implicit TLS" on \
                port 465, the submissions service of RFC 8314 (formerly "smtps").

                pftls sets it only as "-o smtpd_tls_wrappermode=yes" on the \
                submissions service in master.cf. Never set it in main.cf: port 25 \
                and 587 would then stop speaking plain SMTP, and no other server \
                could deliver mail to you.

                With wrapper mode on, smtpd_tls_security_level is ignored: every \
                connection is encrypted before anything else happens. A broken key \
                or certificate shows as a connection that is dropped at once.
                """),
        ParameterHelp(
            "smtpd_tls_auth_only",
            summary: "Offer and accept login (SASL AUTH) only over TLS",
            since: "2.2", default: "no",
            explanation: """
                When set, the SMTP server neither announces nor accepts SASL \
                authentication until the connection is encrypted, so passwords never \
                cross the network in clear text.

                pftls sets "-o smtpd_tls_auth_only=yes" on the submission service \
                (port 587). The "encrypt" level there already implies it; stating it \
                keeps passwords safe even if someone later lowers the level. The \
                submissions service (465) does not need it: it is always encrypted.
                """),
        ParameterHelp(
            "smtpd_sasl_auth_enable",
            summary: "Let clients log in (SMTP AUTH) on this service",
            default: "no",
            explanation: """
                Turns on SASL authentication in the SMTP server, so that your users' \
                mail programs can log in before sending.

                pftls sets "-o smtpd_sasl_auth_enable=yes" on submission (587) and \
                submissions (465) only. Port 25 receives mail from other servers, \
                which do not log in.

                Postfix does not check passwords itself: it hands them to a SASL back \
                end chosen with smtpd_sasl_type and smtpd_sasl_path, usually Dovecot \
                or Cyrus saslauthd. Without a working back end, logins fail and the \
                log shows SASL errors. pftls looks for one and warns when it finds \
                none.
                """),
        ParameterHelp(
            "smtpd_sasl_type",
            summary: "SASL back end that checks passwords: cyrus or dovecot",
            since: "2.3", default: "cyrus",
            values: [
                ValueHelp("cyrus", "Cyrus SASL, usually through saslauthd", """
                    The built-in default. Needs the Cyrus SASL libraries, a running \
                    saslauthd, and a smtpd.conf file named after smtpd_sasl_path.
                    """),
                ValueHelp("dovecot", "Dovecot's auth service, over a socket", """
                    Postfix asks Dovecot, which already knows your users' passwords \
                    for IMAP. smtpd_sasl_path names Dovecot's auth socket.
                    """),
            ],
            explanation: """
                Which SASL implementation the SMTP server uses to check logins. \
                "postconf -a" lists the types this Postfix was built with.

                pftls does not change it. It reads it, together with smtpd_sasl_path, \
                to check that a back end is actually there before it turns on \
                submission or submissions. Dovecot is the common choice when Dovecot \
                serves IMAP on the same host.
                """),
        ParameterHelp(
            "smtpd_sasl_path",
            summary: "Where the SASL back end is: a socket or a config name",
            since: "2.3", default: "smtpd",
            explanation: """
                Passed to the SASL back end as is. For Dovecot it is the auth socket, \
                usually "private/auth", relative to the Postfix queue directory \
                (/var/spool/postfix). That keeps it reachable from a chrooted smtpd; \
                Dovecot must create the socket there, with permissions that let \
                Postfix connect.

                For Cyrus it is the name of the configuration file: the default \
                "smtpd" means smtpd.conf (on Debian /etc/postfix/sasl/smtpd.conf).

                pftls reads it to look for the back end; it does not change it.
                """),
        ParameterHelp(
            "smtpd_client_restrictions",
            summary: "Who may connect; pftls admits only logged-in users on 587/465",
            default: "",
            explanation: """
                Access rules the SMTP server applies to the connecting client. Empty \
                (the default) lets everyone in; the recipient and relay rules decide \
                later.

                On submission and submissions pftls sets "-o \
                smtpd_client_restrictions=permit_sasl_authenticated,reject": these \
                ports are for your own users, so anyone who has not logged in is \
                refused. Because smtpd_delay_reject is "yes" by default, the \
                rejection comes only when the client tries to send, after it had \
                the chance to log in.

                Never put that setting in main.cf or on port 25: it would refuse all \
                mail from other servers. pftls writes the value without a space after \
                the comma, which keeps it one master.cf word; with spaces it would \
                need the -o { name = value } form (Postfix 3.0 and later).
                """),
    ]
}
