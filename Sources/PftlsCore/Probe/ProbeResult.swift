/// How a TLS listener is reached.
public enum TLSProbeMode: String, Sendable, Codable {
    /// Plain SMTP, then STARTTLS (ports 25 and 587).
    case startTLS = "starttls"
    /// TLS from the first byte (port 465).
    case implicit = "implicit"
}

/// What a live probe of one listener saw.
public enum ProbeResult {
    /// The handshake worked; the server sent this chain, leaf first.
    case served(chain: [Certificate])
    /// The handshake did not happen; `reason` says why, with the server's own
    /// reply (such as `454 4.7.0 TLS not available due to local problem`) when it gave one.
    /// `answered` is true when the server got as far as answering (a handshake that
    /// worked, or an SMTP reply): the failure that says most about a broken smtpd.
    case failed(reason: String, answered: Bool = false)

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
