/// One TCP listener of a Dovecot login service, as `doveconf service/NAME` shows it:
/// `service imap-login { inet_listener imaps { port = 993  ssl = yes } }`.
package struct DovecotListener: Sendable, Hashable, CustomStringConvertible {
    /// The login service that owns it (`imap-login`, `pop3-login`, `managesieve-login`).
    package let service: String
    /// The listener's name (`imap`, `imaps`, `pop3`, `pop3s`, `sieve`).
    package let name: String
    /// Its port on 127.0.0.1.
    package let port: Int
    /// The protocol for `openssl s_client -starttls` (`imap`, `pop3`, `sieve`) when the client
    /// asks for TLS after a plain greeting; nil when TLS starts with the first byte (`ssl = yes`).
    package let startTLS: String?

    package init(service: String, name: String, port: Int, startTLS: String?) {
        self.service = service
        self.name = name
        self.port = port
        self.startTLS = startTLS
    }

    /// True for a listener that speaks TLS from the first byte (imaps, pop3s).
    package var implicitTLS: Bool { startTLS == nil }

    /// `imaps 127.0.0.1:PORT`.
    package var description: String { "\(name) 127.0.0.1:\(port)" }

    /// The five TLS listeners of Debian's dovecot-imapd, dovecot-pop3d and dovecot-managesieved
    /// (stock ports 143, 993, 110, 995, 4190), moved to the given ports in that order.
    package static func standard(ports: [Int]) -> [DovecotListener] {
        precondition(ports.count == 5, "imap, imaps, pop3, pop3s and sieve need five ports")
        return [DovecotListener(service: "imap-login", name: "imap", port: ports[0], startTLS: "imap"),
                DovecotListener(service: "imap-login", name: "imaps", port: ports[1], startTLS: nil),
                DovecotListener(service: "pop3-login", name: "pop3", port: ports[2], startTLS: "pop3"),
                DovecotListener(service: "pop3-login", name: "pop3s", port: ports[3], startTLS: nil),
                DovecotListener(service: "managesieve-login", name: "sieve", port: ports[4], startTLS: "sieve")]
    }
}
