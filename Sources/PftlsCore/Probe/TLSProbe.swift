import FoundationEssentials
import Glibc
import COpenSSL
import CCryptoShim

/// Something that can ask a live listener which certificate it serves.
/// `TLSProbe` is the real one; tests stand in to provoke a failed probe.
public protocol ListenerProbing: Sendable {
    /// Probes `host`:`port`, sending `serverName` as SNI when given. A `host` that is an
    /// absolute path is a UNIX-domain socket (the canary's listener).
    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult
    /// The same with a client that accepts only `keyType` (nil: any), to see the chain a
    /// server presents for that key type.
    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult
}

extension ListenerProbing {
    /// Stand-ins that do not tell key types apart answer as for any client.
    public func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult {
        probe(host: host, port: port, mode: mode, serverName: serverName)
    }
}

/// Connects to a live listener and records the certificate chain it serves.
///
/// The chain is not verified here; callers compare the served leaf's SHA-256
/// with the one they installed, which is the question that matters after a reload.
public struct TLSProbe: ListenerProbing {
    /// Seconds allowed for connecting and for each read.
    public var timeout: Int

    /// Creates a probe.
    public init(timeout: Int = 10) { self.timeout = timeout }

    /// Probes `host`:`port`, sending `serverName` as SNI when given. A `host` that is an
    /// absolute path is a UNIX-domain socket (the canary's listener).
    public func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String? = nil) -> ProbeResult {
        probe(host: host, port: port, mode: mode, serverName: serverName, keyType: nil)
    }

    /// Probes as a client that accepts only `keyType` (nil: any) offering only its signature algorithms.
    public func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult {
        _ = OpenSSLRuntime.ready
        defer { OpenSSLError.drain() }
        let connection: SMTPConnection
        do {
            connection = try SMTPConnection(host: host, port: port, timeout: timeout)
            if mode == .startTLS { try connection.negotiateStartTLS() } else if !mode.isSMTP && mode.negotiatesTLS {
                try MailboxConversation.negotiateStartTLS(connection, mode: mode)
            }
        } catch let failure as SMTPConnection.Failure {
            return .failed(reason: failure.reason, answered: failure.answered, unreachable: failure.unreachable)
        } catch {
            return .failed(reason: "\(error)")
        }
        guard let context = SSL_CTX_new(TLS_client_method()) else { return .failed(reason: Catalog.text("probe.noContext")) }
        defer { SSL_CTX_free(context) }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        guard let ssl = SSL_new(context) else { return .failed(reason: Catalog.text("probe.noSession")) }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, connection.descriptor)
        if let serverName { _ = pftls_ssl_set_server_name(ssl, serverName) }
        if let keyType { _ = pftls_ssl_set_signature_algorithms(ssl, keyType.signatureAlgorithms) }
        guard SSL_connect(ssl) == 1 else {
            let detail = OpenSSLError.drain() ?? Catalog.text("probe.serverClosed")
            return .failed(reason: Catalog.text("probe.handshakeFailed", ["detail": "\(detail)"]))
        }
        var chain: [Certificate] = []
        if let stack = SSL_get_peer_cert_chain(ssl) {
            for index in 0..<pftls_x509_stack_count(stack) {
                if let certificate = pftls_x509_stack_value(stack, index) { chain.append(Certificate(retaining: certificate)) }
            }
        }
        guard !chain.isEmpty else { return .failed(reason: Catalog.text("probe.noCertificate")) }
        // A listener serves only when smtpd lives on after the handshake: EHLO must get 250
        // (an smtpd that dies at once, for example with SASL on and no back end, does not).
        if let problem = Self.greetAfterHandshake(ssl, mode: mode, deadline: connection.deadline) { return .failed(reason: problem, answered: true) }
        if mode.isSMTP { _ = "QUIT\r\n".withCString { SSL_write(ssl, $0, 6) } }
        SSL_shutdown(ssl)
        return .served(chain: chain)
    }

    /// After the handshake: the greeting (implicit TLS), then EHLO, which must be answered 250.
    /// nil when the server answered as a live SMTP server does; otherwise what went wrong.
    /// Dovecot's listeners: the greeting on an implicit-TLS port (a login process that
    /// cannot use its key fails the handshake itself).
    private static func greetAfterHandshake(_ ssl: OpaquePointer, mode: TLSProbeMode, deadline: Date) -> String? {
        let readByte: (inout UInt8) -> Int = { byte in Int(SSL_read(ssl, &byte, 1)) }
        do {
            if !mode.isSMTP {
                guard !mode.negotiatesTLS else { return nil }
                let greeting = try MailboxConversation.readGreeting(mode, until: deadline, readByte)
                return MailboxConversation.greetingAccepted(greeting, mode: mode)
                    ? nil : Catalog.text("probe.mailbox.greeting", ["reply": SMTPConnection.show(greeting)])
            }
            if mode == .implicit {
                let greeting = try SMTPConnection.readReply(until: deadline, readByte)
                guard greeting.first?.hasPrefix("220") == true else {
                    return Catalog.text("probe.afterTLS.greeting", ["reply": "\(SMTPConnection.show(greeting))"])
                }
            }
            let command = Array("EHLO pftls.probe\r\n".utf8)
            guard SSL_write(ssl, command, Int32(command.count)) == Int32(command.count) else {
                return Catalog.text("probe.afterTLS.closedBeforeEhlo")
            }
            let answer = try SMTPConnection.readReply(until: deadline, readByte)
            guard answer.first?.hasPrefix("250") == true else {
                return Catalog.text("probe.afterTLS.ehloAnswer", ["reply": "\(SMTPConnection.show(answer))"])
            }
            return nil
        } catch let failure as SMTPConnection.Failure {
            return Catalog.text("probe.afterTLS.smtpdStopped", ["reason": "\(failure.reason)"])
        } catch {
            return Catalog.text("probe.afterTLS.error", ["error": "\(error)"])
        }
    }
}
