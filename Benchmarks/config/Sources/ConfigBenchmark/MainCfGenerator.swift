/// Generates large but realistic main.cf files: Debian's header and snakeoil TLS block,
/// then groups of comments, one-line parameters and parameters continued over several lines.
enum MainCfGenerator {
    /// Debian 12's main.cf head, with the TLS settings the plan replaces.
    static let debianHead = """
        # See /usr/share/postfix/main.cf.dist for a commented, more complete version

        smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)
        biff = no
        append_dot_mydomain = no
        readme_directory = no
        compatibility_level = 3.6

        # TLS parameters
        smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem
        smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key
        smtpd_tls_security_level=may
        smtpd_use_tls=yes

        smtp_tls_CApath=/etc/ssl/certs
        smtp_tls_security_level=may
        smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache

        myhostname = mail.example.test
        alias_maps = hash:/etc/aliases
        mydestination = $myhostname, localhost.example.test, localhost
        mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128
        inet_interfaces = all

        """

    /// One group of filler lines; `n` makes every parameter name unique, as in a real file
    /// (Postfix warns about duplicates).
    private static func group(_ n: Int) -> [String] {
        [
            "# Restrictions for site \(n): see http://www.postfix.org/SMTPD_ACCESS_README.html",
            "# (kept in one place so that the relay policy of site \(n) is easy to review).",
            "site\(n)_client_restrictions = permit_mynetworks, reject_unknown_reverse_client_hostname",
            "site\(n)_recipient_restrictions =",
            "    permit_mynetworks,",
            "    permit_sasl_authenticated,",
            "\treject_unauth_destination, check_policy_service unix:private/policy\(n)",
            "site\(n)_transport_maps = hash:/etc/postfix/transport\(n) ${data_directory}/t\(n)",
            "#site\(n)_old_setting = no",
            "",
        ]
    }

    /// A main.cf of exactly `lines` lines (at least the Debian head).
    static func mainCf(lines: Int) -> String {
        var result = debianHead.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        var n = 0
        while result.count < lines {
            result += group(n).prefix(lines - result.count)
            n += 1
        }
        return result.joined(separator: "\n") + "\n"
    }
}
