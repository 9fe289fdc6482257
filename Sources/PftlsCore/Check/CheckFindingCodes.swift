extension FindingCode {
    /// A listener serves a different certificate than the files on disk: Postfix was not reloaded.
    public static let staleServedCertificate: FindingCode = "stale-served-certificate"
    /// A TLS listener failed the handshake (e.g. `454 4.7.0 TLS not available due to local problem`).
    public static let tlsHandshakeFailed: FindingCode = "tls-handshake-failed"
    /// A file holding a private key is readable by group or others, or not owned by root.
    public static let keyPermissions: FindingCode = "key-permissions"
    /// main.cf sets no server certificate at all.
    public static let tlsNotConfigured: FindingCode = "tls-not-configured"
}
