/// The generation of Dovecot's configuration language a test config is written in
/// (../shared/guide/DOVECOT-AND-SNI-FACTS.md): 2.3 on Debian 12, 2.4 on Debian 13.
package enum DovecotSyntax: String, Sendable, CaseIterable {
    /// `ssl_cert = </path`, `ssl_key = </path`; `passdb { driver = static }`.
    case v2_3 = "2.3"
    /// `ssl_server_cert_file = /path` (no `<`); `dovecot_config_version` first; `passdb static { }`.
    case v2_4 = "2.4"

    /// The syntax of the version `dovecot --version` prints (`2.3.19.1 (9b53102964)`,
    /// `2.4.1-4 (7d8c0e5759)`); nil for any other branch.
    package init?(version: String) {
        let number = version.split(separator: " ").first.map(String.init) ?? ""
        let branch = number.split(separator: ".").prefix(2).joined(separator: ".")
        self.init(rawValue: branch)
    }

    /// The installed Dovecot's syntax, from `dovecot --version`.
    package static func installed() throws -> DovecotSyntax {
        let result = Shell.run("dovecot", ["--version"])
        guard result.status == 0, let syntax = DovecotSyntax(version: result.output) else {
            throw Shell.Failure(description: "dovecot --version: exit \(result.status): \(result.all)")
        }
        return syntax
    }

    /// The settings that must open a main config file: none in 2.3; in 2.4 the config and
    /// storage versions ("The first setting must be dovecot_config_version").
    package var preamble: [String] {
        switch self {
        case .v2_3: []
        case .v2_4: ["dovecot_config_version = 2.4.0", "dovecot_storage_version = 2.4.0"]
        }
    }

    /// The lines that make Dovecot serve the certificate (server certificate, then its
    /// intermediates) in `certificate` with the private key in `key`.
    package func sslLines(certificate: String, key: String) -> [String] {
        switch self {
        case .v2_3: ["ssl_cert = <\(certificate)", "ssl_key = <\(key)"]
        case .v2_4: ["ssl_server_cert_file = \(certificate)", "ssl_server_key_file = \(key)"]
        }
    }

    /// A password database and a user database that let every user in with `password`,
    /// as user and group `account`, home `home`: enough for Dovecot to start.
    package func staticAuthentication(password: String, account: String, home: String) -> [String] {
        switch self {
        case .v2_3:
            ["passdb {", "  driver = static", "  args = password=\(password)", "}",
             "userdb {", "  driver = static", "  args = uid=\(account) gid=\(account) home=\(home)", "}"]
        case .v2_4:
            ["passdb static {", "  password = \(password)", "}",
             "userdb static {", "  fields {", "    uid = \(account)", "    gid = \(account)", "    home = \(home)", "  }", "}"]
        }
    }
}
