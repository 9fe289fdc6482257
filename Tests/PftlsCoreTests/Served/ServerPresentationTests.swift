import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// What a server presents per key type and per name: chain files holding an RSA and an
/// ECDSA pair (in one file or several), the legacy ECDSA settings, and SNI maps set in
/// main.cf and in a master.cf `-o` override (generated PKI, real files).
@Suite struct ServerPresentationTests {
    let directory = FixtureDirectory()
    let pki = TestPKI.shared

    private func pem(_ pair: TestPKI.Pair) -> String {
        TestPKI.pem(pair.key) + pair.certificate.pem + pki.intermediate.certificate.pem
    }

    private func pairs(_ type: KeyGenerator.Kind) throws -> TestPKI.Pair {
        try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(type))
    }

    private func presentation(main: String, master: String = "") -> ServerPresentation {
        let setup = TLSSetupInForce(configDirectory: directory.path, main: Array(main.utf8), master: Array(master.utf8),
                                    defaults: PostfixDefaults.builtIn)
        return ServerPresentation.read(setup, fileSystem: LocalFileSystem(), inspector: .testing(trusting: [pki.root.certificate]),
                                       options: InspectionOptions(hostname: "mail.example.test"))
    }

    @Test func twoPairsInOneFileAreTwoKeyTypesEachWithItsOwnChain() throws {
        let (rsa, ecdsa) = (try pairs(.rsa(bits: 2048)), try pairs(.ec(curve: "P-256")))
        let both = directory.write("both.pem", pem(rsa) + pem(ecdsa))
        let served = presentation(main: "smtpd_tls_chain_files = \(both)\n")
        #expect(served.keyTypes == [.rsa, .ecdsa])
        #expect(served.pair(of: .rsa)?.leaf?.isSame(as: rsa.certificate) == true)
        #expect(served.pair(of: .ecdsa)?.leaf?.isSame(as: ecdsa.certificate) == true)
        #expect(served.pairs.allSatisfy { !$0.report.findings.contains { $0.code == .multipleKeys } })
        #expect(served.pairs.allSatisfy { $0.report.servedChain.count == 2 && $0.files == [both] })
    }

    @Test func aKeyInOneFileAndItsChainInTheNextArePairedAsPostfixConcatenatesThem() throws {
        let (rsa, ecdsa) = (try pairs(.rsa(bits: 2048)), try pairs(.ec(curve: "P-256")))
        let key = directory.write("rsa.key", TestPKI.pem(rsa.key))
        let chain = directory.write("rsa.crt", rsa.certificate.pem + pki.intermediate.certificate.pem)
        let ec = directory.write("ec.pem", pem(ecdsa))
        let served = presentation(main: "smtpd_tls_chain_files = \(key), \(chain)\n    \(ec)\n")
        #expect(served.pairs.map(\.files) == [[key, chain], [ec]])
        #expect(served.pair(of: .rsa)?.leaf?.isSame(as: rsa.certificate) == true)
        #expect(served.pair(of: .rsa)?.report.hasErrors == false)
    }

    @Test func theLegacyECDSASettingsAreASecondPair() throws {
        let (rsa, ecdsa) = (try pairs(.rsa(bits: 2048)), try pairs(.ec(curve: "P-256")))
        let rsaFile = directory.write("rsa.pem", pem(rsa))
        let ecKey = directory.write("ec.key", TestPKI.pem(ecdsa.key))
        let ecCert = directory.write("ec.crt", ecdsa.certificate.pem + pki.intermediate.certificate.pem)
        let served = presentation(main: "smtpd_tls_cert_file = \(rsaFile)\nsmtpd_tls_eccert_file = \(ecCert)\nsmtpd_tls_eckey_file = \(ecKey)\n")
        #expect(served.pairs.map(\.files) == [[rsaFile], [ecKey, ecCert]])
        #expect(served.keyTypes == [.rsa, .ecdsa])
    }

    @Test func mapsOfMainCfAndOfAServiceOverrideAreReadWithTheirEntries() throws {
        let source = directory.write("sni", "# hosted\nmail.example.org /etc/postfix/org.pem\n.example.net\n  /etc/postfix/net.pem, /etc/postfix/net-ec.pem\n")
        let master = "submission inet n - y - - smtpd\n  -o tls_server_sni_maps=inline:{ { sub.example.com = /a.pem, /b.pem } }\n"
        let served = presentation(main: "tls_server_sni_maps = ${default_database_type}:\(source)\n", master: master)
        #expect(served.maps.map(\.reference.type) == ["hash", "inline"])
        #expect(served.maps.map(\.service) == [nil, "submission"])
        #expect(served.entry(for: "x.example.net")?.entry.files == ["/etc/postfix/net.pem", "/etc/postfix/net-ec.pem"])
        #expect(served.entry(for: "example.net") == nil)
        #expect(served.entry(for: "sub.example.com", service: "submission")?.entry.files == ["/a.pem", "/b.pem"])
        #expect(served.entry(for: "sub.example.com") == nil)
    }

    @Test func theWholeNameIsTriedInEveryMapBeforeAParentDomainAsPostfixDoes() {
        let first = directory.write("sni-a", ".example.org /parent.pem\n")
        let second = directory.write("sni-b", "mail.example.org /exact.pem\n")
        let served = presentation(main: "tls_server_sni_maps = hash:\(first), hash:\(second)\n")
        #expect(served.entry(for: "MAIL.example.org")?.entry.files == ["/exact.pem"])
        #expect(served.entry(for: "other.example.org")?.entry.files == ["/parent.pem"])
        #expect(SNIMapSource.lookupForms(of: "a.b.example.org") == ["a.b.example.org", ".b.example.org", ".example.org", ".org"])
    }

    @Test func anUnreadableMapSourceSaysWhy() {
        let served = presentation(main: "tls_server_sni_maps = hash:\(directory.path)/missing\n")
        #expect(served.maps.first?.problem != nil && served.maps.first?.source == nil)
    }

    @Test func tableListsKeepInlineBracesWhole() {
        let references = SNIMapInUse.references(in: "hash:/a, inline:{ { x = /1, /2 }, y = /3 } texthash:/b", defaultType: "lmdb")
        #expect(references.map(\.type) == ["hash", "inline", "texthash"])
        #expect(references[1].name == "{ x = /1, /2 }, y = /3")
    }
}
