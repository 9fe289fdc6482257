import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A ledger record's source as `check` reads it: a dead source leaves the pair to certbot's
/// lineages, and a configuration directory is the same history with or without a trailing slash.
@Suite struct RecordedSourceTests {
    static let now = Date()
    let directory = TemporaryDirectory.create("recorded-source")

    static func leaf(_ names: [String], startedDaysAgo: Double) throws -> Certificate {
        var spec = CertificateSpec.server(names[0], names: names)
        spec.notBefore = now.addingTimeInterval(-startedDaysAgo * 86_400)
        spec.notAfter = spec.notBefore.addingTimeInterval(90 * 86_400)
        return try TestPKI.shared.issueLeaf(spec).certificate
    }

    /// The installed file, and a ledger recording it installed from `source` for `configDirectory`.
    func installed(_ leaf: Certificate, source: String, configDirectory: String) throws -> (file: String, ledger: DeployLedger) {
        let file = directory + "/smtpd-cert.pem"
        FileManager.default.createFile(atPath: file, contents: Data(leaf.pem.utf8))
        let ledger = DeployLedger(directory: directory + "/state")
        try ledger.append(DeployRecord(time: "t", configDirectory: configDirectory, command: .apply, result: .applied, installed: [
            InstalledEntry(path: file, sha256: "x", role: "certificate", names: DeployRecordMaker.dnsNames(leaf),
                           leafSHA256: Hex.lowercase(leaf.sha256Fingerprint),
                           source: DeploySource(key: .init(path: directory + "/key.pem"), certificate: .init(path: source))),
        ]))
        return (file, ledger)
    }

    @Test func aDeadRecordedSourceFallsBackToCertbotsLineages() throws {
        let leaf = try Self.leaf(["mail.example.test"], startedDaysAgo: 60)
        let (file, ledger) = try installed(leaf, source: directory + "/gone/cert.pem", configDirectory: "/etc/postfix")
        let live = directory + "/letsencrypt/live/mail"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: live + "/cert.pem", contents: Data(try Self.leaf(["mail.example.test"], startedDaysAgo: 1).pem.utf8))
        let findings = DeploymentAudit(ledger: ledger, certbot: CertbotScan(root: directory + "/letsencrypt"), clock: FixedClock(Self.now))
            .findings(configDirectory: "/etc/postfix", pairs: PairReader(inspector: Inspector()).pairs([file]), entries: [], expiry: ExpiryThresholds())
        #expect(findings.map(\.code) == [.renewalNotDeployed])
        #expect(findings.first?.command == "pftls renew --from-certbot mail --certbot-dir \(directory)/letsencrypt --state-dir \(directory)/state")
    }

    @Test func aTrailingSlashIsTheSameConfigurationDirectory() throws {
        let leaf = try Self.leaf(["mail.example.test"], startedDaysAgo: 60)
        let source = directory + "/source.pem"
        FileManager.default.createFile(atPath: source, contents: Data(try Self.leaf(["mail.example.test"], startedDaysAgo: 1).pem.utf8))
        let (file, ledger) = try installed(leaf, source: source, configDirectory: "/etc/postfix//")
        #expect(try ledger.records(configDirectory: "/etc/postfix").records.map(\.configDirectory) == ["/etc/postfix"])
        #expect(try ledger.records(configDirectory: "/etc/postfix/").records.count == 1)
        let findings = DeploymentAudit(ledger: ledger, certbot: nil, clock: FixedClock(Self.now))
            .findings(configDirectory: "/etc/postfix/", pairs: PairReader(inspector: Inspector()).pairs([file]), entries: [], expiry: ExpiryThresholds())
        #expect(findings.map(\.command) == ["pftls renew --key \(directory)/key.pem --cert \(source) --state-dir \(directory)/state"],
                "the standard directory: no --config-dir")
    }

    /// One source installed into two files, then renewed into only one of them: the other
    /// file's renewal was never installed there.
    @Test func aSourceRenewedIntoOneFileIsStillUndeployedInTheOther() throws {
        let old = try Self.leaf(["mail.example.test"], startedDaysAgo: 60)
        let new = try Self.leaf(["mail.example.test"], startedDaysAgo: 1)
        let source = directory + "/source.pem"
        let (first, second) = (directory + "/default.pem", directory + "/sni.pem")
        FileManager.default.createFile(atPath: first, contents: Data(new.pem.utf8))
        FileManager.default.createFile(atPath: second, contents: Data(old.pem.utf8))
        func entry(_ file: String, _ leaf: Certificate) -> InstalledEntry {
            InstalledEntry(path: file, sha256: "x", role: "certificate", names: ["mail.example.test"], leafSHA256: Hex.lowercase(leaf.sha256Fingerprint),
                           source: DeploySource(key: .init(path: directory + "/key.pem"),
                                                certificate: .init(path: source, sha256: LedgerDigest.sha256(Array(leaf.pem.utf8)))))
        }
        let ledger = DeployLedger(directory: directory + "/state")
        try ledger.append(DeployRecord(time: "t1", configDirectory: "/etc/postfix", command: .apply, result: .applied,
                                       installed: [entry(first, old), entry(second, old)]))
        try ledger.append(DeployRecord(time: "t2", configDirectory: "/etc/postfix", command: .renew, result: .applied, installed: [entry(first, new)]))
        FileManager.default.createFile(atPath: source, contents: Data(new.pem.utf8))
        let reader = PairReader(inspector: Inspector())
        let findings = DeploymentAudit(ledger: ledger, certbot: nil, clock: FixedClock(Self.now))
            .findings(configDirectory: "/etc/postfix", pairs: reader.pairs([first]) + reader.pairs([second]), entries: [], expiry: ExpiryThresholds())
        #expect(findings.map(\.file) == [second])
    }
}
