import Foundation

/// The leaf a loopback listener serves, as the real `openssl s_client` receives it: a
/// probe that shares no code with pftls' own.
package struct SClientProbe: Sendable {
    /// The served leaf's PEM; nil when no handshake happened.
    package let leafPEM: String?
    /// Everything s_client printed, for failure messages.
    package let output: String

    /// The served leaf's SHA-256 fingerprint as `openssl x509 -fingerprint` prints it
    /// (`AB:CD:…`, the form of `Certificate.sha256FingerprintText`); nil without a leaf.
    package var sha256: String? { leafPEM.flatMap(Self.sha256(pem:)) }

    /// Connects to 127.0.0.1:`port` with SNI `serverName`, TLS from the first byte or,
    /// with `startTLS` (`imap`, `pop3`, `sieve`, `smtp`), after that protocol's STARTTLS.
    /// `sigalgs` restricts the signature algorithms offered (`ecdsa_secp256r1_sha256`: an
    /// ECDSA-only client). Gives up after `timeout` seconds.
    package init(port: Int, startTLS: String?, serverName: String = "mail.example.test", sigalgs: String? = nil, timeout: Int = 10) {
        var arguments = [String(timeout), "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", serverName]
        if let startTLS { arguments += ["-starttls", startTLS] }
        if let sigalgs { arguments += ["-sigalgs", sigalgs] }
        let result = Shell.run("timeout", arguments, input: "")
        leafPEM = Self.firstCertificate(in: result.output)
        output = result.all
    }

    /// The listener's served leaf.
    package init(_ listener: DovecotListener, serverName: String = "mail.example.test") {
        self.init(port: listener.port, startTLS: listener.startTLS, serverName: serverName)
    }

    /// The SHA-256 fingerprint of the first certificate in `pem`, by `openssl x509`.
    package static func sha256(pem: String) -> String? {
        let result = Shell.run("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], input: pem)
        guard result.status == 0, let equals = result.output.firstIndex(of: "=") else { return nil }
        return result.output[result.output.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first PEM certificate block in `text`.
    private static func firstCertificate(in text: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex) else { return nil }
        return String(text[begin.lowerBound..<end.upperBound]) + "\n"
    }
}
