import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The probe counts a listener as serving only when an SMTP server lives on after the
/// handshake. `openssl s_server` stands in for an smtpd that completes TLS and then dies.
@Suite(.serialized) struct TLSProbeTests {
    static let hasOpenSSL = SystemProcessRunner().locate("openssl") != nil

    /// Runs `openssl s_server` on a free loopback port for one connection; `afterHandshake`
    /// is what it sends once TLS is up, after which it closes.
    private func withServer(sending afterHandshake: String, _ body: (Int) throws -> Void) throws {
        let directory = FixtureDirectory()
        let certificate = directory.write("cert.pem", TestPKI.shared.leaf.certificate.pem)
        let key = directory.write("key.pem", TestPKI.pem(TestPKI.shared.leaf.key))
        let input = directory.write("input.txt", afterHandshake)
        let port = LoopbackListener.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: SystemProcessRunner().locate("openssl")!)
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-naccept", "1", "-quiet"]
        server.standardInput = FileHandle(forReadingAtPath: input)
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        try body(port)
    }

    @Test(.enabled(if: hasOpenSSL))
    func aServerThatDiesAfterTheHandshakeIsNotServing() throws {
        try withServer(sending: "220 mail.example.test ESMTP\r\n") { port in
            // Until s_server listens, the probe cannot connect; its one accept is the probe's.
            var result = ProbeResult.failed(reason: "cannot connect")
            for _ in 0..<100 {
                result = TLSProbe(timeout: 3).probe(host: "127.0.0.1", port: port, mode: .implicit)
                guard case .failed(let reason, _, _) = result, reason.hasPrefix("cannot connect") else { break }
                usleep(50_000)
            }
            guard case .failed(let reason, _, _) = result else {
                Issue.record("a server that closes after the greeting counted as serving")
                return
            }
            #expect(reason.contains("the TLS handshake worked"), "\(reason)")
        }
    }

    @Test func nothingListeningIsUnreachableAClosedConnectionIsNot() throws {
        guard case .failed(_, _, let unreachable) = TLSProbe(timeout: 2).probe(host: "127.0.0.1", port: LoopbackListener.freePort(), mode: .implicit) else {
            Issue.record("nothing listens there")
            return
        }
        #expect(unreachable, "no connection was made")

        // A listener that takes the connection and closes it: reached, and failed.
        let listener = LoopbackListener()
        defer { close(listener.descriptor) }
        let closer = Thread { let client = accept(listener.descriptor, nil, nil); if client >= 0 { close(client) } }
        closer.start()
        guard case .failed(_, _, let closedUnreachable) = TLSProbe(timeout: 2).probe(host: "127.0.0.1", port: listener.port, mode: .implicit) else {
            Issue.record("a closed connection does not serve")
            return
        }
        #expect(!closedUnreachable, "a connection was made")
    }
}
