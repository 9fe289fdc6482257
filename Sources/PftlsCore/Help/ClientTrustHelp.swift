extension ParameterHelpCatalog {
    /// The trust anchors the SMTP client checks other servers against.
    static let clientTrust: [ParameterHelp] = [
        ParameterHelp(
            "smtp_tls_CAfile",
            summary: "CAs the SMTP client trusts to verify other servers",
            since: "2.2", default: "",
            explanation: """
                A PEM file of certificate authorities that the Postfix SMTP client \
                uses to verify the certificates of servers it delivers to. It matters \
                only at the "verify" and "secure" levels (and for logging whether a \
                peer was "Trusted"); "may" and "dane" do not need it.

                The guide sets it to the intermediate certificate of your own server, \
                which has nothing to do with delivering mail elsewhere. pftls leaves \
                it alone and warns when "verify" or "secure" is chosen while both \
                this and smtp_tls_CApath are empty.

                The file is read before the client enters its chroot, so any path \
                works. The system bundle (/etc/ssl/certs/ca-certificates.crt on \
                Debian) is the usual choice.
                """),
        ParameterHelp(
            "smtp_tls_CApath",
            summary: "Directory of CAs for the SMTP client; must be in chroot",
            since: "2.2", default: "",
            explanation: """
                Like smtp_tls_CAfile, but a directory of CA certificates with OpenSSL \
                hash links, such as /etc/ssl/certs. Needed only at the "verify" and \
                "secure" levels; pftls does not set it.

                The directory is read after the smtp client has entered its chroot. \
                When the smtp service runs chrooted (Debian's master.cf marks it \
                "y"), the certificates must also exist under /var/spool/postfix, or \
                verification fails for every server. smtp_tls_CAfile has no such \
                problem.
                """),
    ]
}
