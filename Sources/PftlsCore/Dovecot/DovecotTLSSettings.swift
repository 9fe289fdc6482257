/// A certificate file and its key as one Dovecot scope names them (the global scope,
/// or one `local_name` block).
public struct DovecotKeyPair: Equatable, Sendable {
    /// The certificate file: the server certificate first, then its intermediates.
    public let certificate: String
    /// The key file; nil when the scope names none (it then inherits).
    public let key: String?
    /// How the certificate was written: 2.3 needs `<` before the path (read the file),
    /// 2.4 refuses it. False when the spelling does not fit the version.
    public let spelledForVersion: Bool
}

/// An SNI block: `local_name mail.example.com { … }`, with its own files.
public struct DovecotLocalName: Equatable, Sendable {
    /// The names the block answers (2.3 takes several in one quoted value).
    public let names: [String]
    /// The pair the block sets; nil when it sets none (it then serves the global one).
    public let pair: DovecotKeyPair?
    /// The second pair (`ssl_alt_cert`, 2.4 `ssl_server_alt_cert_file`) the block sets.
    public let alternate: DovecotKeyPair?
}

/// What Dovecot's configuration says about TLS, in either syntax:
/// 2.3 `ssl_cert = </path`, 2.4 `ssl_server_cert_file = /path` (or its
/// `ssl_server { cert_file = /path }` form, which `doveconf -n` prints).
public struct DovecotTLSSettings: Equatable, Sendable {
    /// The version that read the configuration.
    public let version: DovecotVersion
    /// The file it read.
    public let configFile: String
    /// `ssl`: `yes` (the default), `required` or `no`.
    public let ssl: String
    /// The global pair; nil when none is set.
    public let pair: DovecotKeyPair?
    /// The global second pair (another key type), nil when none is set.
    public let alternate: DovecotKeyPair?
    /// `ssl_min_protocol`, nil when it is Dovecot's default.
    public let minimumProtocol: String?
    /// The SNI blocks, in file order.
    public let localNames: [DovecotLocalName]
    /// The `local ADDRESS { … }` blocks (by the address clients connect to), in file order;
    /// `names` holds their addresses.
    public let localAddresses: [DovecotLocalName]

    /// True when the listeners offer TLS at all.
    public var offersTLS: Bool { ssl != "no" }

    /// Reads the settings from `doveconf -n -P` output.
    public init?(doveconf text: String) {
        guard let header = DovecotConfigHeader(text) else { return nil }
        let top = DovecotConfigOutput.parse(text)
        version = header.version
        configFile = header.configFile
        ssl = top.value("ssl").map(DovecotConfigOutput.unquoted) ?? "yes"
        minimumProtocol = top.value("ssl_min_protocol")
        let names = DovecotSettingNames(version: header.version)
        pair = names.pair(in: top, alternate: false)
        alternate = names.pair(in: top, alternate: true)
        let blocks = { (kind: String) in
            top.sections(kind).map { block in
                DovecotLocalName(names: (block.name ?? "").split(separator: " ").map(String.init),
                                 pair: names.pair(in: block, alternate: false), alternate: names.pair(in: block, alternate: true))
            }
        }
        localNames = blocks("local_name")
        localAddresses = blocks("local")
    }
}

/// The setting names of one Dovecot version: 2.3's `ssl_cert`/`ssl_key` (values
/// `<path`) or 2.4's `ssl_server_cert_file`/`ssl_server_key_file` (plain paths).
public struct DovecotSettingNames: Sendable {
    /// The version the names belong to.
    public let version: DovecotVersion

    /// Creates the names for `version`.
    public init(version: DovecotVersion) { self.version = version }

    /// The certificate setting (`ssl_cert`, `ssl_alt_cert`, `ssl_server_cert_file`, `ssl_server_alt_cert_file`).
    public func certificate(alternate: Bool) -> String {
        version.namesServerFiles ? (alternate ? "ssl_server_alt_cert_file" : "ssl_server_cert_file") : (alternate ? "ssl_alt_cert" : "ssl_cert")
    }

    /// The key setting (`ssl_key`, `ssl_alt_key`, `ssl_server_key_file`, `ssl_server_alt_key_file`).
    public func key(alternate: Bool) -> String {
        version.namesServerFiles ? (alternate ? "ssl_server_alt_key_file" : "ssl_server_key_file") : (alternate ? "ssl_alt_key" : "ssl_key")
    }

    /// A path as this version's file settings take it: `<path` for 2.3, `path` for 2.4.
    public func value(forPath path: String) -> String {
        version.namesServerFiles ? path : "<" + path
    }

    /// The pair `section` sets itself. 2.4's `ssl_server { cert_file = … }` form counts
    /// as well as the flat names.
    func pair(in section: DovecotSection, alternate: Bool) -> DovecotKeyPair? {
        guard let certificate = setting(certificate(alternate: alternate), in: section) else { return nil }
        let key = setting(self.key(alternate: alternate), in: section)
        let spelledRight = version.namesServerFiles ? !certificate.hasPrefix("<") : certificate.hasPrefix("<")
        return DovecotKeyPair(certificate: Self.path(certificate), key: key.map(Self.path), spelledForVersion: spelledRight)
    }

    private func setting(_ name: String, in section: DovecotSection) -> String? {
        if let value = section.value(name), !value.isEmpty { return value }
        let nested = name.dropFirst("ssl_server_".count)
        guard version.namesServerFiles, name.hasPrefix("ssl_server_") else { return nil }
        return section.sections("ssl_server").compactMap { $0.value(String(nested)) }.last { !$0.isEmpty }
    }

    /// `<path` or `path` as the path alone.
    static func path(_ value: String) -> String {
        DovecotConfigOutput.unquoted(value.hasPrefix("<") ? String(value.dropFirst()) : value).trimmingWhitespace()
    }
}
