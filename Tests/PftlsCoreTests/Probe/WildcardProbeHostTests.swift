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
        #expect(WildcardProbeHost.host(inetInterfaces: interfaces, inetProtocols: protocols) == expected)
    }

    @Test func checkProbesAnIPv6OnlyServiceOnTheIPv6Loopback() {
        let main = MainConfig(bytes: Array("inet_protocols = ipv6\n".utf8))
        let master = MasterConfig(bytes: Array("smtp      inet  n       -       y       -       -       smtpd\n".utf8))
        let setup = TLSSetupInForce(main: main, master: master, defaults: PostfixDefaults(values: BuiltInPostfixDefaults.table, source: .builtIn))
        #expect(setup.services.map(\.host) == ["::1"])
    }
}
