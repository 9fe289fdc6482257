/// The files of a throwaway Dovecot's configuration, laid out as Debian lays out
/// /etc/dovecot: `dovecot.conf` includes `conf.d/*.conf`, and the ssl lines live in
/// `conf.d/10-ssl.conf`, among comments, so that an editor has to find the right file and line.
/// Everything the instance writes at run time (base_dir, state_dir, the log) is under `root`.
package struct DovecotTestConfig: Sendable {
    package var syntax: DovecotSyntax
    /// The instance's directory; `root/run` is its base_dir, `root/state` its state_dir.
    package var root: String
    /// The certificate file (leaf, then intermediates) and the key file the ssl lines name.
    package var certificate: String
    package var key: String
    /// The value of `ssl`: `required` (no plaintext authentication) or `yes`.
    package var ssl = "required"
    /// `listen`: loopback only, or `*` (every IPv4 address, on the instance's free high ports).
    package var listen = "127.0.0.1"
    package var listeners: [DovecotListener]
    /// Lines added at the end of conf.d/10-ssl.conf (`local_name` blocks, an alt pair).
    package var extraSSLLines: [String] = []

    package init(syntax: DovecotSyntax, root: String, certificate: String, key: String, listeners: [DovecotListener]) {
        self.syntax = syntax
        self.root = root
        self.certificate = certificate
        self.key = key
        self.listeners = listeners
    }

    /// The name Dovecot's processes carry (`dovecot-NAME/imap-login`) and `doveadm instance list` shows.
    package var instanceName: String { root.split(separator: "/").last.map(String.init) ?? "pftls-dovecot" }

    /// Each file's path relative to the config directory, and its text.
    package var files: [(path: String, text: String)] {
        [("dovecot.conf", main), ("conf.d/10-auth.conf", authentication), ("conf.d/10-logging.conf", logging),
         ("conf.d/10-master.conf", master), ("conf.d/10-ssl.conf", sslFile)]
    }

    private var main: String {
        Self.text(["## Dovecot configuration file (a throwaway instance for pftls' tests)"] + syntax.preamble + [
            "",
            "# Protocols we want to be serving.",
            "protocols = imap pop3 sieve",
            "",
            "# Only loopback unless a test asks for every address: a separate instance beside any system Dovecot.",
            "listen = \(listen)",
            "base_dir = \(root)/run",
            "state_dir = \(root)/state",
            "instance_name = \(instanceName)",
            "",
            "# Most of the actual configuration gets included below.",
            "!include conf.d/*.conf",
            "!include_try local.conf",
        ])
    }

    private var authentication: String {
        Self.text(["# Authentication: one static password for everyone, enough for the logins to start."]
                  + syntax.staticAuthentication(password: "pftls-test", account: "dovecot", home: root + "/home"))
    }

    private var logging: String {
        Self.text(["##", "## Log destination.", "##", "", "log_path = \(root)/dovecot.log"])
    }

    private var master: String {
        var lines = ["# The login listeners, moved to free loopback ports.", ""]
        for service in Set(listeners.map(\.service)).sorted() {
            lines.append("service \(service) {")
            for listener in listeners where listener.service == service {
                lines += ["  inet_listener \(listener.name) {", "    port = \(listener.port)"]
                if listener.implicitTLS { lines.append("    ssl = yes") }
                lines.append("  }")
            }
            lines += ["}", ""]
        }
        return Self.text(lines)
    }

    /// conf.d/10-ssl.conf, its comments after Debian's.
    private var sslFile: String {
        Self.text([
            "##",
            "## SSL settings",
            "##",
            "",
            "# SSL/TLS support: yes, no, required. <doc/wiki/SSL.txt>",
            "ssl = \(ssl)",
            "",
            "# PEM encoded X.509 SSL/TLS certificate and private key. They're opened before",
            "# dropping root privileges, so keep the key file unreadable by anyone but",
            "# root. Included doc/mkcert.sh can be used to easily generate self-signed",
            "# certificate, just make sure to update the domains in dovecot-openssl.cnf",
        ] + syntax.sslLines(certificate: certificate, key: key) + [
            "",
            "# If key file is password protected, give the password here. Alternatively",
            "# give it when starting dovecot with -p parameter. See also ssl_key_password",
            "# setting.",
            "#ssl_key_password =",
        ] + extraSSLLines)
    }

    private static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
}
