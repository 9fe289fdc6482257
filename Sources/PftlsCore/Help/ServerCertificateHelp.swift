extension ParameterHelpCatalog {
    /// Where the SMTP server finds its key, certificate and chain.
    static let serverCertificates: [ParameterHelp] = [
        ParameterHelp(
            "smtpd_tls_chain_files",
            summary: "Server key, then certificate, then intermediates (one file)",
            since: "3.4", default: "",
            explanation: """
                The preferred way to give the SMTP server its key and certificates: a \
                list of PEM files that, read in order, hold a private key directly \
                followed by its certificate and then the intermediate certificates \
                that issued it, bottom-up: key, leaf, intermediates. Leave the root \
                out; clients already have it.

                pftls writes one file, owned by root and readable by nobody else, in \
                exactly that order, and points this parameter at it. Because key and \
                certificate live in the same file, a renewal replaces both at once: \
                Postfix can never pair a new certificate with an old key.

                When this parameter is set, Postfix ignores smtpd_tls_cert_file, \
                smtpd_tls_key_file and their ECDSA and DSA siblings and logs a warning \
                if they are still set, so pftls removes them. One key of each \
                algorithm is allowed, so an RSA and an ECDSA chain can be served side \
                by side.

                Neither "postfix check" nor "postfix reload" validates these files. A \
                key that does not match its certificate shows only when a client \
                connects ("454 4.7.0 TLS not available due to local problem"), \
                which is why pftls checks the files before writing and probes the \
                server afterwards.
                """),
        ParameterHelp(
            "smtpd_tls_cert_file",
            summary: "Server certificate, followed by its intermediates (legacy)",
            since: "2.2", default: "",
            explanation: """
                The SMTP server's RSA certificate in PEM form, the setting the guide \
                uses. The intermediate certificates belong in the same file, right \
                after the server certificate (leaf first, then its issuers); clients \
                need them to verify the chain.

                pftls writes it only with the "separate-files" layout, or when \
                Postfix is older than 3.4. Otherwise it uses smtpd_tls_chain_files \
                and removes this parameter, which Postfix would ignore anyway.

                Leave it empty rather than "none": "none" deliberately runs a server \
                without a certificate, which most clients cannot talk to, and which \
                TLS 1.3 does not allow at all.
                """),
        ParameterHelp(
            "smtpd_tls_key_file",
            summary: "Server private key, unencrypted, readable by root only (legacy)",
            since: "2.2", default: "$smtpd_tls_cert_file",
            explanation: """
                The private key that belongs to smtpd_tls_cert_file. By default it is \
                the certificate file itself, so the key may also live there.

                Postfix starts without anyone to type a passphrase, so the key must \
                not be encrypted. pftls removes a passphrase for you, writing the \
                decrypted key owned by root with mode 0600 and leaving the original \
                untouched.

                With the "separate-files" layout pftls writes the key to its own file \
                and sets this parameter. The risk of this layout: a renewal that \
                replaces one file but not the other leaves a key that does not match \
                its certificate. smtpd_tls_chain_files avoids that.
                """),
        ParameterHelp(
            "smtpd_tls_CAfile",
            summary: "CAs trusted for client certificates; not for your chain",
            since: "2.2", default: "",
            explanation: """
                A PEM file of certificate authorities the SMTP server trusts when it \
                verifies certificates that clients present. Ordinary mail servers do \
                not ask clients for certificates, so it normally stays empty. Its \
                authority names are also sent to clients in the certificate request.

                The guide puts the intermediate certificate here. That works, because \
                Postfix completes the served chain from this file, but it is not its \
                purpose: the intermediates belong with the server certificate. pftls \
                sets it only with the "separate-files" layout and only when you ask \
                for the guide's behaviour.

                The file is read before smtpd enters its chroot, so any path works.
                """),
        ParameterHelp(
            "smtpd_tls_CApath",
            summary: "Directory of CAs for client certificates; must be in chroot",
            since: "2.2", default: "",
            explanation: """
                Like smtpd_tls_CAfile, but a directory of CA certificates with \
                OpenSSL hash links (made with c_rehash or "openssl rehash"). It is \
                only needed when you verify client certificates; pftls never sets it.

                Unlike the CA file, this directory is read after smtpd has entered \
                its chroot. Debian runs smtpd chrooted (a "y" in the chroot column of \
                master.cf), so the directory must exist inside /var/spool/postfix as \
                well; a path such as /etc/ssl/certs silently finds nothing there.
                """),
        ParameterHelp(
            "smtpd_tls_eccert_file",
            summary: "Server ECDSA certificate (legacy; use smtpd_tls_chain_files)",
            since: "2.6", default: "",
            explanation: """
                The ECDSA counterpart of smtpd_tls_cert_file, for serving an ECDSA \
                certificate next to an RSA one. With Postfix 3.4 and later, list both \
                chains in smtpd_tls_chain_files instead.

                pftls removes it (and smtpd_tls_eckey_file) whenever it writes the \
                server certificate, so that an old ECDSA certificate is not served \
                beside the new one.
                """),
        ParameterHelp(
            "smtpd_tls_eckey_file",
            summary: "Server ECDSA private key (legacy; use smtpd_tls_chain_files)",
            since: "2.6", default: "$smtpd_tls_eccert_file",
            explanation: """
                The private key for smtpd_tls_eccert_file; by default the certificate \
                file itself. Like every key Postfix reads, it must be unencrypted and \
                readable by root only.

                pftls removes it together with smtpd_tls_eccert_file. To serve an \
                ECDSA certificate beside the RSA one, list both chains, each key first, \
                in smtpd_tls_chain_files.
                """),
        ParameterHelp(
            "smtpd_tls_dcert_file",
            summary: "Server DSA certificate (DSA is obsolete)",
            since: "2.2", default: "",
            explanation: """
                A DSA certificate for the SMTP server. DSA is obsolete: public CAs no \
                longer issue DSA certificates and TLS 1.3 does not support them.

                pftls removes this parameter and smtpd_tls_dkey_file when it writes \
                the server certificate.
                """),
        ParameterHelp(
            "smtpd_tls_dkey_file",
            summary: "Server DSA private key (DSA is obsolete)",
            since: "2.2", default: "$smtpd_tls_dcert_file",
            explanation: """
                The private key for smtpd_tls_dcert_file; by default the certificate \
                file itself.

                DSA is obsolete; pftls removes this parameter together with \
                smtpd_tls_dcert_file.
                """),
    ]
}
