import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Without a ledger record, which certbot lineage is an installed certificate's source: the
/// configured one alone, else the lineage it came from, else one naming exactly its names;
/// never a web server's lineage that merely also covers the mail name.
@Suite struct CertbotLineageSourceTests {
    static let now = Date()
    let directory = TemporaryDirectory.create("certbot-source")
    var root: String { directory + "/letsencrypt" }

    static func leaf(_ names: [String], startedDaysAgo: Double) throws -> Certificate {
        var spec = CertificateSpec.server(names[0], names: names)
        spec.notBefore = now.addingTimeInterval(-startedDaysAgo * 86_400)
        spec.notAfter = spec.notBefore.addingTimeInterval(90 * 86_400)
        return try TestPKI.shared.issueLeaf(spec).certificate
    }

    /// certbot's tree for lineage `name`: `archive/NAME/certN.pem` for each of `certificates`,
    /// `live/NAME/cert.pem` a link to the last.
    func lineage(_ name: String, _ certificates: [Certificate]) throws {
        let archive = root + "/archive/" + name
        let live = root + "/live/" + name
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        for (index, certificate) in certificates.enumerated() {
            FileManager.default.createFile(atPath: archive + "/cert\(index + 1).pem", contents: Data(certificate.pem.utf8))
        }
        try FileManager.default.createSymbolicLink(atPath: live + "/cert.pem", withDestinationPath: "../../archive/\(name)/cert\(certificates.count).pem")
    }

    func findings(installed: Certificate, configured: String? = nil) -> [Finding] {
        let file = directory + "/smtpd-cert.pem"
        FileManager.default.createFile(atPath: file, contents: Data(installed.pem.utf8))
        return DeploymentAudit(ledger: nil, certbot: CertbotScan(root: root, configuredLineage: configured), clock: FixedClock(Self.now))
            .findings(configDirectory: "/etc/postfix", pairs: PairReader(inspector: Inspector()).pairs([file]), entries: [], expiry: ExpiryThresholds())
    }

    @Test func aWebLineageThatAlsoCoversTheMailNameIsNotItsSource() throws {
        let installed = try Self.leaf(["mail.example.test"], startedDaysAgo: 60)
        try lineage("example.test", [try Self.leaf(["example.test", "www.example.test", "mail.example.test"], startedDaysAgo: 1)])
        #expect(findings(installed: installed).isEmpty, "the web server's renewal is not Postfix's")
        try lineage("mail.example.test", [try Self.leaf(["MAIL.example.test"], startedDaysAgo: 2)])
        #expect(findings(installed: installed).map(\.command) == ["pftls renew --from-certbot mail.example.test --certbot-dir \(root)"],
                "a lineage for exactly the installed names counts")
    }

    @Test func theLineageTheInstalledCertificateCameFromIsPreferred() throws {
        let installed = try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 60)
        try lineage("postfix", [installed, try Self.leaf(["mail.example.test", "smtp.example.test", "mx.example.test"], startedDaysAgo: 3)])
        try lineage("other", [try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 1)])
        #expect(findings(installed: installed).map(\.command) == ["pftls renew --from-certbot postfix --certbot-dir \(root)"],
                "its own lineage, though another one for the same names is newer")
    }

    @Test func aConfiguredLineageIsTheOnlyOneScanned() throws {
        let installed = try Self.leaf(["mail.example.test"], startedDaysAgo: 60)
        try lineage("mail", [try Self.leaf(["mail.example.test"], startedDaysAgo: 1)])
        try lineage("postfix-mx", [try Self.leaf(["mail.example.test", "www.example.test"], startedDaysAgo: 2)])
        #expect(findings(installed: installed, configured: "postfix-mx").map(\.command) == ["pftls renew --from-certbot postfix-mx --certbot-dir \(root)"])
        #expect(findings(installed: installed, configured: "absent").isEmpty)
        let environment: (String) -> String? = { $0 == "PFTLS_CERTBOT_LINEAGE" ? "/etc/letsencrypt/live/postfix-mx/" : nil }
        #expect(CertbotScan.resolve(option: root, environment: environment).configuredLineage == "postfix-mx")
    }
}
