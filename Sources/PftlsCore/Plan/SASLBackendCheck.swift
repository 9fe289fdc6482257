/// Looks for a SASL back end that smtpd can use, before submission or
/// submissions switch SASL on: the Dovecot auth socket, or Cyrus saslauthd.
public struct SASLBackendCheck {
    let fileSystem: FileSystem

    /// Uses `fileSystem` for every lookup.
    public init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    /// Nil when a back end is there; otherwise the `sasl-not-configured` warning.
    /// `type` and `path` are the effective `smtpd_sasl_type` and `smtpd_sasl_path`;
    /// `queueDirectory` resolves a relative socket path.
    public func check(type: String, path: String, queueDirectory: String, configDirectory: String) -> Finding? {
        if type == "dovecot" {
            if path.hasPrefix("inet:") { return nil }
            let socket = path.hasPrefix("/") ? path : queueDirectory + "/" + path
            if exists(socket) { return nil }
            return Finding(.saslSocketMissing, .warning, file: socket,
                message: Catalog.text("finding.saslSocketMissing.message", ["socket": "\(SafeText.escape(socket))"]),
                hint: Catalog.text("finding.saslSocketMissing.hint"))
        }
        let saslauthd = ["/var/run/saslauthd/mux", "/run/saslauthd/mux", "/var/spool/postfix/var/run/saslauthd/mux"]
        let cyrusConfig = ["\(configDirectory)/sasl/\(path).conf", "/usr/lib/sasl2/\(path).conf", "/etc/sasl2/\(path).conf"]
        if saslauthd.contains(where: exists) && cyrusConfig.contains(where: exists) { return nil }
        return warning(Catalog.text("check.sasl.noBackend", ["cyrusConfig": "\(SafeText.escape(cyrusConfig[0]))"]),
                       hint: Catalog.text("check.sasl.noBackendHint"))
    }

    private func exists(_ path: String) -> Bool { (try? fileSystem.statusFollowingLinks(of: path)) != nil }

    private func warning(_ message: String, hint: String) -> Finding {
        Finding(.saslNotConfigured, .warning, file: nil, message: message, hint: hint)
    }
}
