extension ParameterHelpCatalog {
    /// Session caches, randomness, logging and protocol versions: settings the
    /// guide copies that pftls reads, sets once, or leaves at their defaults.
    static let tuning: [ParameterHelp] = [
        ParameterHelp(
            "smtp_tls_session_cache_database",
            summary: "SMTP client TLS session cache (type:path from postconf -m)",
            since: "2.2", default: "",
            explanation: """
                A table where the SMTP client keeps TLS sessions, so that repeated \
                deliveries to the same server can skip part of the handshake. It is \
                kept by tlsmgr(8), so a per-service -o override has no effect.

                The table type must be one this Postfix build supports and that can \
                be enumerated: "postconf -m" lists the types (btree on Debian 12; \
                lmdb on builds without Berkeley DB, which upstream is phasing out). \
                Copying "btree:" from a guide onto a build without it breaks the cache.

                pftls keeps an existing value whose type is supported; otherwise it \
                writes the first of lmdb, btree and hash that this build supports, \
                with the file ${data_directory}/smtp_scache. \
                The file belongs in the Postfix-owned data directory; dbm tables are \
                unsuitable because session objects are too large.
                """),
        ParameterHelp(
            "smtpd_tls_session_cache_database",
            summary: "SMTP server TLS session cache; unneeded since Postfix 2.11",
            since: "2.2", default: "",
            explanation: """
                A server-side table of TLS sessions. Since Postfix 2.11, session \
                resumption uses TLS session tickets (RFC 5077), which need no storage \
                on the server, so this should normally stay empty.

                The guide sets it; pftls does not, and leaves an existing value \
                alone. If you keep one, its table type must appear in "postconf -m" \
                and the file belongs in the data directory, like the client cache.
                """),
        ParameterHelp(
            "tls_random_source",
            summary: "Entropy source for TLS; the default is already right",
            since: "2.2", default: "dev:/dev/urandom",
            explanation: """
                Where tlsmgr(8) gets extra randomness for its pool: a device \
                ("dev:/dev/urandom"), an EGD socket ("egd:/path") or a regular file. \
                It must be a source that never blocks.

                On Linux the default is already dev:/dev/urandom, so the guide's line \
                changes nothing. pftls does not write it; "postconf -d \
                tls_random_source" shows the default on your system.
                """),
        ParameterHelp(
            "smtpd_tls_received_header",
            summary: "Record TLS protocol and cipher in the Received: header",
            since: "2.2", default: "no",
            explanation: """
                With "yes", the SMTP server adds the TLS protocol and cipher (and a \
                client certificate's names, if any) to the Received: header of each \
                message it accepts over TLS. It is handy when tracing mail, but \
                other servers can alter it, so only the final recipient's own record \
                can be trusted.

                The guide turns it on; pftls leaves it as you have it. Postfix logs \
                the same facts at smtpd_tls_loglevel 1.
                """),
        ParameterHelp(
            "smtpd_tls_loglevel",
            summary: "How much the SMTP server logs about TLS (0 to 4)",
            since: "2.2", default: "0",
            explanation: """
                0 logs nothing about TLS; 1 logs one summary line per TLS connection \
                (protocol, cipher, peer); 2 adds the handshake steps; 3 and 4 dump \
                the raw traffic.

                1 is a good everyday value: it shows which clients use TLS. Use 2 or \
                more only while chasing a problem; 4 is strongly discouraged. pftls \
                does not change it.
                """),
        ParameterHelp(
            "smtp_tls_loglevel",
            summary: "How much the SMTP client logs about TLS (0 to 4)",
            since: "2.2", default: "0",
            explanation: """
                The client-side twin of smtpd_tls_loglevel. With 1, each delivery \
                logs whether the connection was "Untrusted", "Trusted" or "Verified" \
                and with which protocol and cipher, which shows what your \
                smtp_tls_security_level achieves in practice.

                Keep it at 0 or 1 in normal operation; pftls does not change it.
                """),
        ParameterHelp(
            "smtpd_tls_protocols",
            summary: "TLS versions the server accepts with opportunistic TLS",
            since: "2.6", default: ">=TLSv1",
            explanation: """
                The TLS versions the SMTP server accepts when TLS is optional (the \
                "may" level). Since Postfix 3.6 the default ">=TLSv1" sets only a \
                lower bound; older releases used exclusion lists such as \
                "!SSLv2, !SSLv3".

                Be cautious when raising it: with opportunistic TLS a sender that \
                cannot meet the minimum may fall back to clear text, which is worse \
                than an old TLS version. pftls does not change it.
                """),
        ParameterHelp(
            "smtpd_tls_mandatory_protocols",
            summary: "TLS versions the server accepts where TLS is required",
            since: "2.3", default: ">=TLSv1",
            explanation: """
                The TLS versions the SMTP server accepts where TLS is mandatory, as \
                on a submission service with smtpd_tls_security_level = encrypt. \
                Since Postfix 3.6 the default is ">=TLSv1".

                Your own users' mail programs are the only clients here, so \
                ">=TLSv1.2" is usually safe. pftls does not change it.
                """),
    ]
}
