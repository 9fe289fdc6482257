extension ParameterHelpCatalog {
    /// The ways pftls lays the key and certificates out on disk (`Answers.Layout`).
    static let layouts: [ParameterHelp] = [
        ParameterHelp(
            "layout.chain-file",
            summary: "One root-only file: key, certificate, intermediates (3.4+)",
            since: "3.4", default: nil,
            reference: "postconf(5): smtpd_tls_chain_files",
            explanation: """
                pftls writes a single PEM file holding the private key, then your \
                certificate, then the intermediate certificates, in that order, owned \
                by root with mode 0600, and sets smtpd_tls_chain_files to it. The \
                legacy smtpd_tls_cert_file and smtpd_tls_key_file settings (and their \
                ECDSA and DSA siblings) are removed, since Postfix would ignore them.

                This is the default on Postfix 3.4 and later. Key and certificate can \
                never get out of step: a renewal replaces the whole file at once.
                """),
        ParameterHelp(
            "layout.separate-files",
            summary: "The guide's layout: a key file and a certificate+chain file",
            default: nil,
            reference: "postconf(5): smtpd_tls_cert_file, smtpd_tls_key_file",
            explanation: """
                pftls writes the private key to its own file (root only, mode 0600) \
                and your certificate followed by the intermediates to another, and \
                sets smtpd_tls_key_file and smtpd_tls_cert_file. On request it also \
                sets smtpd_tls_CAfile to the intermediates, as the guide does.

                This is what the guide describes and the only choice before Postfix \
                3.4. Its weakness: replacing one file without the other leaves a key \
                that does not match the certificate, and Postfix only notices when a \
                client connects.
                """),
    ]
}
