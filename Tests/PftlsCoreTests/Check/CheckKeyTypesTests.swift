import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `check` on a server that presents RSA and ECDSA side by side: each default pair is
/// inspected on its own (no false `multiple-keys`), the legacy ECDSA settings count, two
/// pairs of one type are an error, and a running server is probed once per key type with a
/// client restricted to it (stand-in listeners).
@Suite struct CheckKeyTypesTests {
    let fixture = CheckFixture()

    @Test func rsaAndECDSAChainFilesAreTwoPairsEachCheckedOnItsOwn() throws {
        let rsa = try fixture.chain("rsa.pem", ["mail.example.test"], .rsa(bits: 2048))
        let ecdsa = try fixture.chain("ecdsa.pem", ["mail.example.test"], days: 3)
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(rsa.path), \(ecdsa.path)\n")
        // A 4-day certificate with 3 days left is healthy by its lifetime: fixed days make it critical.
        let report = fixture.audit(running: false).run(configDirectory: conf, expiry: ExpiryThresholds(warnDays: 30, critDays: 7))
        #expect(!report.findings.contains { $0.code == .multipleKeys }, "\(CheckFixture.show(report.findings))")
        #expect(report.pairs.map(\.keyType) == [.rsa, .ecdsa])
        #expect(report.leaf?.isSame(as: rsa.leaf) == true && report.filesInUse == [rsa.path, ecdsa.path])
        // The ECDSA pair expires in 3 days: its own finding, naming its own file.
        let soon = try #require(report.findings.first { $0.code == .expiresSoon }, "\(CheckFixture.show(report.findings))")
        #expect(soon.file == ecdsa.path && soon.severity == .error)
    }

    @Test func theLegacyECDSASettingsAreCheckedToo() throws {
        let rsa = try fixture.chain("rsa.pem", ["mail.example.test"], .rsa(bits: 2048))
        let ecdsa = try fixture.chain("ec.pem", ["other.example.test"])
        let conf = fixture.configure(main: "smtpd_tls_cert_file = \(rsa.path)\nsmtpd_tls_key_file = \(rsa.path)\nsmtpd_tls_eccert_file = \(ecdsa.path)\nsmtpd_tls_eckey_file = \(ecdsa.path)\n")
        let report = fixture.audit(running: false).run(configDirectory: conf)
        #expect(report.pairs.map(\.keyType) == [.rsa, .ecdsa])
        #expect(report.findings.contains { $0.code == .hostnameMismatch && $0.file == ecdsa.path }, "\(CheckFixture.show(report.findings))")
    }

    @Test func twoPairsOfOneKeyTypeAreAnErrorNamingTheType() throws {
        let first = try fixture.chain("a.pem", ["mail.example.test"])
        let second = try fixture.chain("b.pem", ["mail.example.test"])
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(first.path), \(second.path)\n")
        let report = fixture.audit(running: false).run(configDirectory: conf)
        let twice = try #require(report.findings.first { $0.code == .multipleKeys }, "\(CheckFixture.show(report.findings))")
        #expect(twice.message.contains("more than one ECDSA key") && twice.message.contains(second.path), "\(twice.message)")
        // The instance is not /etc/postfix: the reload the hint names is this one's.
        #expect(twice.hint.contains("`postfix -c \(conf) reload`"), "\(twice.hint)")
    }

    @Test func eachKeyTypeIsProbedWithItsOwnClientAndComparedWithItsOwnLeaf() throws {
        let rsa = try fixture.chain("rsa.pem", ["mail.example.test"], .rsa(bits: 2048))
        let ecdsa = try fixture.chain("ecdsa.pem", ["mail.example.test"])
        let old = try fixture.pki.issueLeaf(.server("mail.example.test")).certificate
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(rsa.path), \(ecdsa.path)\n")
        // RSA clients get the RSA leaf; ECDSA clients still get the leaf from before a change.
        let listeners = StandInListeners { _, _, type in type == .rsa ? .serving(rsa.leaf) : .serving(old) }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        #expect(Set(listeners.calls.map(\.keyType)) == [.rsa, .ecdsa] && listeners.calls.count == 2)
        #expect(report.listenerProbes.map(\.keyType) == [.rsa, .ecdsa])
        let stale = report.findings.filter { $0.code == .staleServedCertificate }
        #expect(stale.count == 1 && stale[0].message.contains("ECDSA") && stale[0].message.contains(ecdsa.leaf.sha256FingerprintText),
                "\(CheckFixture.show(report.findings))")
        #expect(report.listenerProbes.map(\.servesItsFiles) == [true, false])
    }

    @Test func oneKeyTypeIsProbedAsBeforeWithAnyClient() throws {
        let only = try fixture.chain("only.pem", ["mail.example.test"])
        let conf = fixture.configure(main: "smtpd_tls_chain_files = \(only.path)\n")
        let listeners = StandInListeners { _, _, _ in .serving(only.leaf) }
        let report = fixture.audit(listeners).run(configDirectory: conf)
        #expect(listeners.calls == [.init(port: 2525, serverName: nil, keyType: nil)])
        #expect(report.probes.count == 1 && !report.findings.hasErrors, "\(CheckFixture.show(report.findings))")
    }
}
