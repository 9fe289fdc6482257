import COpenSSL
import CCryptoShim

/// Something that can ask a live listener which certificate it serves.
/// `TLSProbe` is the real one; tests stand in to provoke a failed probe.
public protocol ListenerProbing: Sendable {
    /// Probes `host`:`port`, sending `serverName` as SNI when given.
    func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult
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

    /// Probes `host`:`port`, sending `serverName` as SNI when given.
    public func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String? = nil) -> ProbeResult {
        _ = OpenSSLRuntime.ready
        defer { OpenSSLError.drain() }
        let connection: SMTPConnection
        do {
            connection = try SMTPConnection(host: host, port: port, timeout: timeout)
            if mode == .startTLS { try connection.negotiateStartTLS() }
        } catch let failure as SMTPConnection.Failure {
            return .failed(reason: failure.reason)
        } catch {
            return .failed(reason: "\(error)")
        }
        guard let context = SSL_CTX_new(TLS_client_method()) else { return .failed(reason: "OpenSSL could not create a TLS context") }
        defer { SSL_CTX_free(context) }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        guard let ssl = SSL_new(context) else { return .failed(reason: "OpenSSL could not create a TLS session") }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, connection.descriptor)
        if let serverName { _ = pftls_ssl_set_server_name(ssl, serverName) }
        guard SSL_connect(ssl) == 1 else {
            let detail = OpenSSLError.drain() ?? "the server closed the connection"
            return .failed(reason: "TLS handshake failed: \(detail)")
        }
        var chain: [Certificate] = []
        if let stack = SSL_get_peer_cert_chain(ssl) {
            for index in 0..<pftls_x509_stack_count(stack) {
                if let certificate = pftls_x509_stack_value(stack, index) { chain.append(Certificate(retaining: certificate)) }
            }
        }
        if mode == .startTLS { _ = "QUIT\r\n".withCString { SSL_write(ssl, $0, 6) } }
        SSL_shutdown(ssl)
        return chain.isEmpty ? .failed(reason: "the server sent no certificate") : .served(chain: chain)
    }
}
