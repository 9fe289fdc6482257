extension ParameterHelpCatalog {
    /// Session caches, randomness, logging and protocol versions: settings the
    /// guide copies that pftls reads, sets once, or leaves at their defaults.
    static let tuning: [ParameterHelp] = [
        ParameterHelp(
            "smtp_tls_session_cache_database",
            since: "2.2", default: ""),
        ParameterHelp(
            "smtpd_tls_session_cache_database",
            since: "2.2", default: ""),
        ParameterHelp(
            "tls_random_source",
            since: "2.2", default: "dev:/dev/urandom"),
        ParameterHelp(
            "smtpd_tls_received_header",
            since: "2.2", default: "no"),
        ParameterHelp(
            "smtpd_tls_loglevel",
            since: "2.2", default: "0"),
        ParameterHelp(
            "smtp_tls_loglevel",
            since: "2.2", default: "0"),
        ParameterHelp(
            "smtpd_tls_protocols",
            since: "2.6", default: ">=TLSv1"),
        ParameterHelp(
            "smtpd_tls_mandatory_protocols",
            since: "2.3", default: ">=TLSv1"),
    ]
}
