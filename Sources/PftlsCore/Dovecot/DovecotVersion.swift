/// A Dovecot release such as 2.3.19.1 or 2.4.1, as `doveconf` prints it in its first line.
public struct DovecotVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    /// Creates a version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `2.3.19.1 (9b53102964)` or `2.4.1-4 (7d8c0e5759)`.
    public init?(parsing text: String) {
        let release = text.trimmingWhitespace().prefix { $0 != " " }
        let numbers = release.split(whereSeparator: { $0 == "." || $0 == "-" }).prefix(3).map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major, minor, numbers.count > 2 ? (numbers[2] ?? 0) : 0)
    }

    public static func < (lhs: DovecotVersion, rhs: DovecotVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

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
