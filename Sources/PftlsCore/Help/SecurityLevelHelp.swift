extension ParameterHelpCatalog {
    /// The server and client TLS security levels, and the DNS support DANE needs.
    static let securityLevels: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_security_level",
            summary: "Whether the SMTP server offers or requires STARTTLS",
            since: "2.3", default: "",
            values: [
                ValueHelp("none", "No TLS: STARTTLS is not offered", """
                    The server never offers STARTTLS; everything, passwords included, \
                    travels in clear text. Only for a server that must not use TLS at all.
                    """),
                ValueHelp("may", "Offer STARTTLS; accept clear text too (port 25)", """
                    Opportunistic TLS: the server announces STARTTLS and clients that \
                    can use it do, but a client without TLS may still send mail. This \
                    is the right level for a public MX on port 25.
                    """),
                ValueHelp("encrypt", "Require STARTTLS before any mail (submission)", """
                    Mandatory TLS: a client must issue STARTTLS before it may send mail. \
                    Right for port 587 (submission); wrong for a public MX on port 25, \
                    which RFC 3207 forbids from requiring TLS. Implies \
                    smtpd_tls_auth_only = yes.
                    """),
            ],
            explanation: """
                The TLS level of the Postfix SMTP server, the side that receives mail \
                from other servers (port 25) and from your users (ports 587 and 465). \
                With "may" it offers STARTTLS and accepts clear text too; with \
                "encrypt" it refuses mail until the client has switched to TLS.

                pftls sets "may" in main.cf, the level every public MX should use, and \
                overrides it with "-o smtpd_tls_security_level=encrypt" on the \
                submission service in master.cf, where your own users log in.

                Do not set "encrypt" in main.cf on a host that other servers deliver \
                to: RFC 3207 says a publicly referenced SMTP server MUST NOT require \
                STARTTLS, and senders without TLS would have their mail refused. pftls \
                allows it only for a dedicated submission host that is no MX.

                Empty (the built-in default) leaves the decision to the obsolete \
                smtpd_use_tls and smtpd_enforce_tls, which means no TLS at all. The \
                levels fingerprint, verify and secure are client levels; the server \
                warns and treats them as "encrypt". On port 465 \
                (smtpd_tls_wrappermode = yes) this parameter is ignored: TLS is always on.
                """),
        ParameterHelp(
            "smtp_tls_security_level",
            summary: "How the SMTP client uses TLS when it delivers mail to others",
            since: "2.3", default: "",
            values: [
                ValueHelp("none", "Never use TLS for outgoing mail", """
                    Outgoing mail is always sent in clear text, even to servers that \
                    offer STARTTLS (unless a TLS policy table says otherwise).
                    """),
                ValueHelp("may", "Use TLS when offered, else clear text (recommended)", """
                    Opportunistic TLS: encrypt whenever the receiving server offers \
                    STARTTLS, without checking its certificate, and fall back to clear \
                    text when TLS fails. The sensible choice for a host that delivers \
                    to the whole Internet.
                    """),
                ValueHelp("encrypt", "Always encrypt; defer mail if TLS is missing", """
                    Mandatory TLS without checking who is at the other end. Mail to a \
                    server without STARTTLS stays in the queue. Fine for a host that \
                    only relays to one smarthost; not for delivery to the Internet.
                    """),
                ValueHelp("dane", "DANE where DNSSEC TLSA records exist, else may", """
                    Opportunistic DANE: where the receiving domain publishes \
                    DNSSEC-signed TLSA records, the certificate must match them; \
                    elsewhere the level is "may". Needs a DNSSEC-validating resolver \
                    (ideally on 127.0.0.1) and smtp_dns_support_level = dnssec.
                    """),
                ValueHelp("dane-only", "Require DANE: no TLSA records, no delivery", """
                    Like "dane" but without the fallback: mail to a domain without \
                    usable TLSA records is not delivered. Only for special transports, \
                    never as the default for the Internet.
                    """),
                ValueHelp("fingerprint", "Accept only servers with a known fingerprint", """
                    No certificate authorities: the server's certificate or public key \
                    fingerprint must be listed in smtp_tls_fingerprint_cert_match. \
                    Practical only when all mail goes to one known relay host.
                    """),
                ValueHelp("verify", "Require a CA-verified certificate (MX names)", """
                    Mandatory TLS with a certificate signed by a trusted CA, matched \
                    against the host name found through (unsigned) MX lookups. Needs \
                    smtp_tls_CAfile or smtp_tls_CApath. Breaks delivery to most of the \
                    Internet when used as the default.
                    """),
                ValueHelp("secure", "Require a CA-verified certificate (next hop)", """
                    Like "verify", but the certificate must match the next-hop domain \
                    itself, so forged MX answers cannot redirect mail. Needs trust \
                    anchors; suitable for chosen destinations, not as a global default.
                    """),
            ],
            explanation: """
                The TLS level of the Postfix SMTP client, the side that delivers your \
                mail to other servers. It does not affect the certificate you install; \
                pftls asks for it because the guide sets it in the same step.

                pftls sets "may" unless you choose otherwise: encrypt when the other \
                side offers STARTTLS, deliver in clear text when it does not. It warns \
                about "encrypt", "verify" and "secure": as a global default they defer \
                mail to every server that cannot meet them, which is much of the \
                Internet.

                "dane" is the one stronger level safe for Internet mail, but only with \
                a DNSSEC-validating resolver and smtp_dns_support_level = dnssec; \
                without them it quietly behaves like "may". "verify" and "secure" need \
                trust anchors in smtp_tls_CAfile or smtp_tls_CApath.

                Empty (the built-in default) falls back to the obsolete smtp_use_tls \
                and smtp_enforce_tls, which means no TLS. Per-destination exceptions \
                belong in smtp_tls_policy_maps, not in this global default.
                """),
        ParameterHelp(
            "smtp_dns_support_level",
            summary: "DNS lookups for the SMTP client; dnssec is needed for DANE",
            since: "2.11", default: "",
            values: [
                ValueHelp("disabled", "No DNS: no MX lookups (not for Internet mail)", """
                    The client does no DNS lookups of its own. Unsuitable for a host \
                    that delivers to the Internet.
                    """),
                ValueHelp("enabled", "Normal DNS and MX lookups", """
                    Ordinary DNS lookups, without asking for DNSSEC validation.
                    """),
                ValueHelp("dnssec", "DNSSEC-validated lookups, required for DANE", """
                    Asks the resolver for DNSSEC-validated answers, which the "dane" \
                    and "dane-only" security levels depend on.
                    """),
            ],
            explanation: """
                How the Postfix SMTP client uses DNS. Empty (the default) lets the \
                legacy disable_dns_lookups decide, which normally means ordinary DNS.

                Set it to "dnssec" when smtp_tls_security_level is "dane" or \
                "dane-only"; otherwise Postfix never sees validated TLSA records and \
                DANE is silently inactive. Postfix does not validate signatures \
                itself: it trusts the resolver in /etc/resolv.conf, so that should be \
                a validating resolver on the same host (such as unbound on 127.0.0.1).

                Without DANE, "dnssec" adds nothing. pftls does not change this \
                parameter; it reads it to warn when "dane" is chosen without it.
                """),
    ]
}
