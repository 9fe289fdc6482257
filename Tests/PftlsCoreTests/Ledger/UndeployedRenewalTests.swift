import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// When a source's certificate is a renewal of the installed one that was never deployed,
/// and how bad it is.
@Suite struct UndeployedRenewalTests {
    static let now = Date()

    static func leaf(_ names: [String], startedDaysAgo: Double, days: Double) throws -> Certificate {
        var spec = CertificateSpec.server(names[0], names: names)
        spec.notBefore = now.addingTimeInterval(-startedDaysAgo * 86_400)
        spec.notAfter = spec.notBefore.addingTimeInterval(days * 86_400)
        return try TestPKI.shared.issueLeaf(spec).certificate
    }

    @Test func aNewerCertificateForTheSameNamesIsUndeployed() throws {
        let installed = try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 60, days: 90)
        let newer = try Self.leaf(["smtp.example.test", "MAIL.example.test"], startedDaysAgo: 1, days: 90)
        #expect(UndeployedRenewal.isUndeployed(installed: installed, candidate: newer, everInstalled: false))
        let wider = try Self.leaf(["mail.example.test", "smtp.example.test", "mx.example.test"], startedDaysAgo: 1, days: 90)
        #expect(UndeployedRenewal.isUndeployed(installed: installed, candidate: wider, everInstalled: false), "a name more is fine")
    }

    @Test func olderSameFewerNamesOrOnceInstalledAreNot() throws {
        let installed = try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 30, days: 90)
        let older = try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 60, days: 90)
        let fewer = try Self.leaf(["mail.example.test"], startedDaysAgo: 1, days: 90)
        let other = try Self.leaf(["www.example.test"], startedDaysAgo: 1, days: 90)
        let newer = try Self.leaf(["mail.example.test", "smtp.example.test"], startedDaysAgo: 1, days: 90)
        #expect(!UndeployedRenewal.isUndeployed(installed: installed, candidate: older, everInstalled: false))
        #expect(!UndeployedRenewal.isUndeployed(installed: installed, candidate: installed, everInstalled: false))
        #expect(!UndeployedRenewal.isUndeployed(installed: installed, candidate: fewer, everInstalled: false))
        #expect(!UndeployedRenewal.isUndeployed(installed: installed, candidate: other, everInstalled: false))
        #expect(!UndeployedRenewal.isUndeployed(installed: installed, candidate: newer, everInstalled: true), "rolled back on purpose")
    }

    /// The ledger names the source; the audit reads it and judges by the installed leaf's
    /// lifetime: a warning, an error once in the critical window (a tenth of 6 days: 14.4 hours).
    @Test func severityFollowsTheInstalledCertificatesCriticalWindow() throws {
        let directory = TemporaryDirectory.create("audit")
        let installed = try TestPKI.shared.issueLeaf({ () -> CertificateSpec in
            var spec = CertificateSpec.server("mail.example.test", names: ["mail.example.test"])
            spec.notBefore = Self.now.addingTimeInterval(-5 * 86_400)
            spec.notAfter = Self.now.addingTimeInterval(86_400)
            return spec
        }())
        let chainFile = directory + "/smtpd-chain.pem"
        FileManager.default.createFile(atPath: chainFile, contents: Data((TestPKI.pem(installed.key) + installed.certificate.pem).utf8))
        let renewed = try Self.leaf(["mail.example.test"], startedDaysAgo: 0.5, days: 6)
        let source = directory + "/source cert.pem"
        FileManager.default.createFile(atPath: source, contents: Data(renewed.pem.utf8))
        let ledger = DeployLedger(directory: directory + "/state")
        try ledger.append(DeployRecord(time: "t", configDirectory: "/etc/postfix", command: .apply, result: .applied, installed: [
            InstalledEntry(path: chainFile, sha256: "x", role: "chain", keyType: "ECDSA", names: ["mail.example.test"],
                           leafSHA256: Hex.lowercase(installed.certificate.sha256Fingerprint),
                           source: DeploySource(key: .init(path: directory + "/key.pem"), certificate: .init(path: source))),
        ]))
        let pairs = PairReader(inspector: Inspector()).pairs([chainFile])
        func finding(at now: Date) -> Finding? {
            DeploymentAudit(ledger: ledger, certbot: nil, clock: FixedClock(now))
                .findings(configDirectory: "/etc/postfix", pairs: pairs, entries: [], expiry: ExpiryThresholds()).first
        }
        let early = try #require(finding(at: Self.now))
        #expect(early.code == .renewalNotDeployed && early.severity == .warning)
        #expect(early.command == "pftls renew --key \(directory)/key.pem --cert '\(source)' --state-dir \(directory)/state", "/etc/postfix is the standard configuration: no --config-dir")
        #expect(early.message.contains(chainFile) && early.message.contains(source) && early.message.contains(UTCTimestamp.format(renewed.notAfter)))
        #expect(finding(at: installed.certificate.notAfter.addingTimeInterval(-14 * 3600))?.severity == .error)
        #expect(finding(at: installed.certificate.notAfter.addingTimeInterval(3600))?.severity == .error, "expired")
        // A check of a Dovecot of its own suggests a renewal of the same Dovecot.
        var withDovecot = DeploymentAudit(ledger: ledger, certbot: nil, clock: FixedClock(Self.now))
        withDovecot.dovecotOptions = ["--dovecot-config", "/srv/dovecot/dovecot.conf"]
        let both = try #require(withDovecot.findings(configDirectory: "/etc/postfix", pairs: pairs, entries: [], expiry: ExpiryThresholds()).first)
        #expect(both.command?.hasSuffix("--state-dir \(directory)/state --dovecot-config /srv/dovecot/dovecot.conf") == true, "\(both.command ?? "")")
    }

    /// Without a ledger, a certbot lineage counts as a pair's source when it has the pair's key
    /// type, or a type nothing serves for those names (an RSA lineage renewed as ECDSA), never
    /// when it is the renewal of the other pair.
    @Test func aLineageOfAnotherKeyTypeIsTheSourceOnlyWhenNoPairServesThatType() throws {
        let directory = TemporaryDirectory.create("audit-types")
        func pair(_ name: String, _ kind: KeyGenerator.Kind, startedDaysAgo: Double) throws -> String {
            var spec = CertificateSpec.server("mail.example.test", names: ["mail.example.test"])
            spec.notBefore = Self.now.addingTimeInterval(-startedDaysAgo * 86_400)
            spec.notAfter = spec.notBefore.addingTimeInterval(90 * 86_400)
            let issued = try TestPKI.shared.issueLeaf(spec, key: KeyGenerator.generate(kind))
            let file = directory + "/" + name
            FileManager.default.createFile(atPath: file, contents: Data((TestPKI.pem(issued.key) + issued.certificate.pem).utf8))
            return file
        }
        let rsa = try pair("rsa.pem", .rsa(bits: 2048), startedDaysAgo: 60)
        let ecdsa = try pair("ecdsa.pem", .ec(curve: "P-256"), startedDaysAgo: 60)
        // certbot renewed the lineage as ECDSA yesterday.
        let live = directory + "/letsencrypt/live/mail"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let renewed = try pair("letsencrypt/live/mail/combined.pem", .ec(curve: "P-256"), startedDaysAgo: 1)
        let leafOnly = try String(contentsOfFile: renewed, encoding: .utf8)
        try String(leafOnly[leafOnly.range(of: "-----BEGIN CERTIFICATE-----")!.lowerBound...]).write(toFile: live + "/cert.pem", atomically: true, encoding: .utf8)
        func findings(_ files: [String]) -> [Finding] {
            DeploymentAudit(ledger: nil, certbot: CertbotScan(root: directory + "/letsencrypt"), clock: FixedClock(Self.now))
                .findings(configDirectory: "/etc/postfix", pairs: PairReader(inspector: Inspector()).pairs(files), entries: [],
                          expiry: ExpiryThresholds())
        }
        let rsaOnly = findings([rsa])
        #expect(rsaOnly.map(\.code) == [.renewalNotDeployed], "no pair serves ECDSA: the lineage is the RSA pair's source")
        let both = findings([rsa, ecdsa])
        #expect(both.map(\.code) == [.renewalNotDeployed], "\(both.map(\.message))")
        #expect(both.first?.file == ecdsa, "the ECDSA lineage renews the ECDSA pair, not the RSA one")
    }
}
