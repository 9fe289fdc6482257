import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// Which pairs of another key type a change keeps beside the new key: the same server's
/// certificate for the same names, not a placeholder such as Debian's snakeoil (generated PKI).
@Suite struct DefaultPairsPlannerTests {
    let directory = FixtureDirectory()
    let pki = TestPKI.shared

    private func setup(_ main: String) -> TLSSetupInForce {
        TLSSetupInForce(configDirectory: directory.path, main: Array(main.utf8), master: [], defaults: .builtIn)
    }

    private func plan(main: String) throws -> (DefaultPairsPlanner.Outcome, ServerPresentation) {
        let read = setup(main)
        let presentation = ServerPresentation.read(read, fileSystem: LocalFileSystem(), inspector: .testing(trusting: [pki.root.certificate]))
        let new = try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(.ec(curve: "P-256")))
        let planner = DefaultPairsPlanner(directory: directory.path + "/tls", layout: .chainFile, setup: read)
        return (planner.plan(current: presentation.pairs, primary: .init(key: new.key, chain: [new.certificate, pki.intermediate.certificate]),
                             additional: nil, primaryPath: directory.path + "/tls/smtpd-chain.pem"), presentation)
    }

    @Test func aSelfSignedPlaceholderOfAnotherTypeIsReplacedAndSaidSo() throws {
        let key = try KeyGenerator.generate(.rsa(bits: 2048))
        let snakeoil = try CertificateFactory.issue(.server("vm"), subjectKey: key)
        let keyFile = directory.write("ssl-cert-snakeoil.key", TestPKI.pem(key))
        let certificateFile = directory.write("ssl-cert-snakeoil.pem", snakeoil.pem)
        let (outcome, presentation) = try plan(main: "smtpd_tls_cert_file = \(certificateFile)\nsmtpd_tls_key_file = \(keyFile)\n")
        #expect(presentation.keyTypes == [.rsa])
        #expect(outcome.chainFiles == [directory.path + "/tls/smtpd-chain.pem"], "Debian's snakeoil is not served beside the new key")
        #expect(outcome.findings.map(\.code) == [.keyTypeReplaced])
        #expect(outcome.served.count == 1)
    }

    @Test func theSameServersRSACertificateIsKeptBesideTheNewECDSAKey() throws {
        let rsa = try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(.rsa(bits: 2048)))
        let file = directory.write("rsa.pem", TestPKI.pem(rsa.key) + rsa.certificate.pem + pki.intermediate.certificate.pem)
        let (outcome, _) = try plan(main: "smtpd_tls_chain_files = \(file)\n")
        #expect(outcome.chainFiles == [file, directory.path + "/tls/smtpd-chain.pem"], "the RSA pair stays first, where it was")
        #expect(outcome.findings.isEmpty)
        #expect(outcome.served.map(\.type) == [.ecdsa, .rsa])
    }

    @Test func aKeptPairSharingAFileWithTheReplacedOneIsCopiedOut() throws {
        let rsa = try pki.issueLeaf(.server("mail.example.test"), key: KeyGenerator.generate(.rsa(bits: 2048)))
        let oldEC = try pki.issueLeaf(.server("mail.example.test"))
        let both = directory.write("both.pem", TestPKI.pem(rsa.key) + rsa.certificate.pem + TestPKI.pem(oldEC.key) + oldEC.certificate.pem)
        let (outcome, _) = try plan(main: "smtpd_tls_chain_files = \(both)\n")
        #expect(outcome.extraFiles.map(\.path) == [directory.path + "/tls/smtpd-chain-rsa.pem"] && outcome.extraFiles.allSatisfy(\.kept))
        #expect(Set(outcome.chainFiles) == [directory.path + "/tls/smtpd-chain.pem", directory.path + "/tls/smtpd-chain-rsa.pem"])
    }
}
