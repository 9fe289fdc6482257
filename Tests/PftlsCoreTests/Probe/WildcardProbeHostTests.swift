import Testing
@testable import PftlsCore

/// A service without an address of its own is probed where the instance listens.
struct WildcardProbeHostTests {
    @Test(arguments: [
        ("all", "all", "127.0.0.1"),
        ("all", "ipv4", "127.0.0.1"),
        ("all", "ipv6", "::1"),
        ("loopback-only", "ipv6", "::1"),
        ("loopback-only", "ipv4, ipv6", "127.0.0.1"),
        ("localhost", "ipv6", "::1"),
        ("192.0.2.10", "ipv4", "192.0.2.10"),
        ("[2001:db8::25], [::1]", "ipv6", "::1"),
        ("[2001:db8::25]", "ipv6", "2001:db8::25"),
        ("192.0.2.10, 127.0.0.1", "all", "127.0.0.1"),
        ("", "", "127.0.0.1"),
    ])
    func hostFollowsInterfacesAndProtocols(interfaces: String, protocols: String, expected: String) {
        #expect(WildcardProbeHost.host(inetInterfaces: interfaces, inetProtocols: protocols, ipv4LoopbackIsUp: true) == expected)
    }

    /// A host or container without 127.0.0.1: the IPv6 loopback when Postfix speaks IPv6.
    @Test(arguments: [
        ("all", "all", "::1"),
        ("loopback-only", "all", "::1"),
        ("localhost", "ipv4, ipv6", "::1"),
        ("", "", "::1"),
        ("all", "ipv4", "127.0.0.1"),
        ("192.0.2.10", "all", "192.0.2.10"),
    ])
    func withoutIPv4LoopbackTheIPv6OneIsProbed(interfaces: String, protocols: String, expected: String) {
        #expect(WildcardProbeHost.host(inetInterfaces: interfaces, inetProtocols: protocols, ipv4LoopbackIsUp: false) == expected)
    }

    @Test func checkProbesAnIPv6OnlyServiceOnTheIPv6Loopback() {
        let setup = TLSSetupInForce(main: Array("inet_protocols = ipv6\n".utf8),
                                    master: Array("smtp      inet  n       -       y       -       -       smtpd\n".utf8),
                                    defaults: PostfixDefaults(values: BuiltInPostfixDefaults.table, source: .builtIn))
        #expect(setup.services.map(\.host) == ["::1"])
    }
}

/// The files a service's `-o` overrides name, as Postfix reads them.
struct ServiceOverrideFilesTests {
    private func services(_ master: String) -> [ServiceTLS] {
        TLSSetupInForce(main: [], master: Array(master.utf8),
                        defaults: PostfixDefaults(values: BuiltInPostfixDefaults.table, source: .builtIn)).services
    }

    @Test func anEmptyOverrideNamesNoFile() {
        let found = services("submission inet n - y - - smtpd\n  -o smtpd_tls_cert_file=\n  -o smtpd_tls_key_file=\n")
        #expect(found.map(\.overrideFiles) == [[]])
    }

    @Test func aChainFilesOverrideNamesEachFile() {
        let found = services("smtps inet n - y - - smtpd\n  -o smtpd_tls_chain_files=/etc/tls/rsa.pem,/etc/tls/ecdsa.pem\n")
        #expect(found.map(\.overrideFiles) == [["/etc/tls/rsa.pem", "/etc/tls/ecdsa.pem"]])
    }
}
