import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Where a source lies (certbot, acme.sh), what its record holds, and the command that deploys it.
@Suite struct DeploySourceTests {
    @Test func certbotLineagesFromLiveAndArchive() {
        #expect(SourceOrigin.certbotLineage(of: "/etc/letsencrypt/live/mail.example.org/fullchain.pem") == "/etc/letsencrypt/live/mail.example.org")
        #expect(SourceOrigin.certbotLineage(of: "/etc/letsencrypt/archive/mail.example.org/fullchain3.pem") == "/etc/letsencrypt/live/mail.example.org")
        #expect(SourceOrigin.certbotLineage(of: "/root/certs/mail.pem") == nil)
    }

    @Test func acmeShDirectoriesByTheNamesAcmeShWrites() {
        #expect(SourceOrigin.acmeDirectory(of: "/root/.acme.sh/mail.example.org/fullchain.cer") == "/root/.acme.sh/mail.example.org")
        #expect(SourceOrigin.acmeDirectory(of: "/root/.acme.sh/mail.example.org_ecc/mail.example.org.key") == "/root/.acme.sh/mail.example.org_ecc")
        #expect(SourceOrigin.acmeDirectory(of: "/root/.acme.sh/mail.example.org_ecc/ca.cer") == "/root/.acme.sh/mail.example.org_ecc")
        #expect(SourceOrigin.acmeDirectory(of: "/root/.acme.sh/mail.example.org/other.cer") == nil)
        #expect(SourceOrigin.acmeDirectory(of: "/etc/ssl/mail.pem") == nil)
    }

    @Test func theSourceHashesCertificateFilesNeverTheKey() throws {
        let directory = TemporaryDirectory.create("source") + "/.acme.sh/mail.example.test_ecc"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pair = try TestPKI.shared.issueLeaf(.server("mail.example.test"))
        FileManager.default.createFile(atPath: directory + "/fullchain.cer", contents: Data(pair.certificate.pem.utf8))
        FileManager.default.createFile(atPath: directory + "/mail.example.test.key", contents: Data(TestPKI.pem(pair.key).utf8))
        let source = DeployRecordMaker.source(KeySource(privateKey: directory + "/mail.example.test.key", certificate: directory + "/fullchain.cer"),
                                              fileSystem: LocalFileSystem())
        #expect(source.certificate.sha256 == LedgerDigest.sha256(Array(pair.certificate.pem.utf8)))
        #expect(source.key == DeploySource.File(path: directory + "/mail.example.test.key", sha256: nil))
        #expect(source.acmeDirectory == directory && source.certbotLineage == nil)
    }

    /// One file holding key and certificate is the key's path too (never hashed as a key),
    /// so the suggested command names it twice and a renewal to a new key installs that key.
    @Test func aCombinedKeyAndCertificateFileIsTheKeyToo() throws {
        let file = TemporaryDirectory.create("combined") + "/mail.pem"
        let pair = try TestPKI.shared.issueLeaf(.server("mail.example.test"))
        FileManager.default.createFile(atPath: file, contents: Data((TestPKI.pem(pair.key) + pair.certificate.pem).utf8))
        let source = DeployRecordMaker.source(KeySource(privateKey: file, certificate: file), fileSystem: LocalFileSystem())
        #expect(source.key == DeploySource.File(path: file, sha256: nil))
        #expect(source.certificate.sha256?.count == 64)
        #expect(DeploymentAudit.Recorded(source, inspector: Inspector())?.command == .files(key: file, certificate: file, chain: []))
    }

    @Test func theRenewCommandIsQuotedForTheShell() {
        let files = SuggestedCommand.renew(source: .files(key: "/srv/my keys/k.pem", certificate: "/srv/c.pem", chain: ["/srv/it's.pem"]),
                                           sni: [".example.org"], stateDirectory: nil, configDirectory: "/etc/postfix-out")
        #expect(files == "pftls renew --key '/srv/my keys/k.pem' --cert /srv/c.pem --chain '/srv/it'\\''s.pem' --sni .example.org --config-dir /etc/postfix-out")
        let certbot = SuggestedCommand.renew(source: .certbot(name: "mail", root: "/etc/letsencrypt"), sni: [], stateDirectory: nil,
                                             configDirectory: "/etc/postfix")
        #expect(certbot == "pftls renew --from-certbot mail")
    }
}
