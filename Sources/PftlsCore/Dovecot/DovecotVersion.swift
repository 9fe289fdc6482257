/// Dovecot, as `ReleaseNumber`'s `Software`.
public enum DovecotRelease {}

/// A Dovecot release such as 2.3.19.1 or 2.4.1, as `doveconf` prints it in its first line.
public typealias DovecotVersion = ReleaseNumber<DovecotRelease>

extension ReleaseNumber where Software == DovecotRelease {
    /// 2.4 renamed `ssl_cert`/`ssl_key` to `ssl_server_cert_file`/`ssl_server_key_file`,
    /// which take a plain path (no `<`).
    public var namesServerFiles: Bool { self >= DovecotVersion(2, 4) }
}

/// The first comment line of `doveconf -n`: `# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf`.
public struct DovecotConfigHeader: Equatable, Sendable {
    /// The version that read the configuration.
    public let version: DovecotVersion
    /// The file it read.
    public let configFile: String

    /// Reads the header from the first line of `text`; nil when it is not there.
    public init?(_ text: String) {
        guard let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("# ") else { return nil }
        let body = first.dropFirst(2)
        guard let colon = body.firstRange(of: ": "), let version = DovecotVersion(parsing: String(body[..<colon.lowerBound])) else { return nil }
        self.version = version
        configFile = String(body[colon.upperBound...]).trimmingWhitespace()
    }
}
