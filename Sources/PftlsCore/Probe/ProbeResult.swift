/// How a TLS listener is reached.
public enum TLSProbeMode: String, Sendable, Codable {
    /// Plain SMTP, then STARTTLS (ports 25 and 587).
    case startTLS = "starttls"
    /// TLS from the first byte (port 465).
    case implicit = "implicit"
    /// Plain IMAP, then STARTTLS (Dovecot's imap, port 143).
    case imapStartTLS = "imap-starttls"
    /// IMAP in TLS from the first byte (imaps, port 993).
    case imapImplicit = "imaps"
    /// Plain POP3, then STLS (pop3, port 110).
    case pop3StartTLS = "pop3-starttls"
    /// POP3 in TLS from the first byte (pop3s, port 995).
    case pop3Implicit = "pop3s"
    /// Plain ManageSieve, then STARTTLS (sieve, port 4190).
    case sieveStartTLS = "sieve-starttls"

    /// True for the SMTP modes (Postfix's listeners).
    public var isSMTP: Bool { self == .startTLS || self == .implicit }
    /// True when the client speaks in plain text before TLS.
    public var negotiatesTLS: Bool { self != .implicit && self != .imapImplicit && self != .pop3Implicit }
}

/// What a live probe of one listener saw.
public enum ProbeResult: Sendable {
    /// The handshake worked; the server sent this chain, leaf first.
    case served(chain: [Certificate])
    /// The handshake did not happen; `reason` says why, with the server's own
    /// reply (such as `454 4.7.0 TLS not available due to local problem`) when it gave one.
    /// `answered` is true when the server got as far as answering (a handshake that
    /// worked, or an SMTP reply): the failure that says most about a broken smtpd.
    /// `unreachable` is true when no connection was made at all (nothing listens there,
    /// or the name did not resolve): then the files are not to blame.
    case failed(reason: String, answered: Bool = false, unreachable: Bool = false)

    /// The served chain, leaf first, when the handshake worked.
    public var chain: [Certificate]? {
        if case .served(let chain) = self { return chain }
        return nil
    }

    /// The served leaf, when the handshake worked.
    public var leaf: Certificate? {
        if case .served(let chain) = self { return chain.first }
        return nil
    }
}
