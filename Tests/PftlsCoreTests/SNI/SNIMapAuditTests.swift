import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// check on an SNI map: each entry's files for its own name, and the database postmap
/// built against the files it holds (generated PKI; the database is a stand-in file whose
/// time and mode are set, as postmap would leave them).
@Suite struct SNIMapAuditTests {
    let directory = FixtureDirectory()

    /// A map source naming `mail.example.test` (chain file with key, leaf, intermediate)
    /// and a database `age` seconds newer than everything (negative: older).
    private func map(age: Int, mode: mode_t = 0o600, database: Bool = true) throws -> (SNIMapReference, SNIMapSource) {
        mkdir(directory.file("pki"), 0o700)
        let fixtures = try CLIFixtures(directory: directory.file("pki"))
        try fixtures.issueLeaf("mail")
        let chain = directory.write("mail-chain.pem", try String(contentsOfFile: fixtures.path("mail.key"), encoding: .utf8)
            + String(contentsOfFile: fixtures.path("mail.pem"), encoding: .utf8) + String(contentsOfFile: fixtures.path("intermediate.pem"), encoding: .utf8))
        let source = directory.write("sni", "mail.example.test \(chain)\n")
        if database {
            let db = directory.write("sni.db", "built")
            chmod(db, mode)
            var times = [timespec(tv_sec: time(nil) + age, tv_nsec: 0), timespec(tv_sec: time(nil) + age, tv_nsec: 0)]
            utimensat(AT_FDCWD, db, &times, 0)
        }
        return (SNIMapReference("hash:" + source)!, SNIMapSource(text: try String(contentsOfFile: source, encoding: .utf8)))
    }

    private func codes(_ findings: [Finding]) -> [String] { findings.filter { $0.severity != .info }.map(\.code.rawValue) }

    @Test func aFreshPrivateDatabaseAndAGoodEntryGiveNothing() throws {
        let (reference, source) = try map(age: 60)
        let findings = SNIMapAudit().findings(map: reference, source: source)
        #expect(!codes(findings).contains("sni-map-stale") && !codes(findings).contains("key-permissions"), "\(findings.map(\.message))")
    }

    @Test func aDatabaseOlderThanItsFilesIsStaleWithPostmapFAsTheFix() throws {
        let (reference, source) = try map(age: -3600)
        let stale = try #require(SNIMapAudit().findings(map: reference, source: source).first { $0.code == .sniMapStale })
        #expect(stale.severity == .error && stale.message.contains("mail-chain.pem") && stale.hint.contains("postmap -F hash:"))
        // An entry naming its chain file twice (key and certificate in one file): the file is listed once.
        let twice = SNIMapSource(text: "mail.example.test \(directory.file("mail-chain.pem")), \(directory.file("mail-chain.pem"))\n")
        let once = try #require(SNIMapAudit().findings(map: reference, source: twice).first { $0.code == .sniMapStale })
        #expect(once.message.components(separatedBy: "mail-chain.pem").count == 2, "\(once.message)")
    }

    @Test func aMissingDatabaseIsStaleAndAReadableOneHoldsKeysInTheOpen() throws {
        let (reference, source) = try map(age: 0, database: false)
        #expect(SNIMapAudit().findings(map: reference, source: source).contains { $0.code == .sniMapStale && $0.message.contains("does not exist") })
        let open = try map(age: 60, mode: 0o644)
        #expect(SNIMapAudit().findings(map: open.0, source: open.1).contains { $0.code == .keyPermissions && $0.message.contains("644") })
    }

    @Test func anEntryWithTwoPairsOfOneKeyTypeIsFixedByRebuildingItsMap() throws {
        let (reference, _) = try map(age: 60)
        let twice = directory.file("mail-chain.pem")
        let source = SNIMapSource(text: "mail.example.test \(twice), \(twice)\n")
        let finding = try #require(SNIMapAudit().findings(map: reference, source: source).first { $0.code == .multipleKeys })
        #expect(finding.hint.contains("`postmap -F hash:\(directory.file("sni")) && postfix reload`"), "\(finding.hint)")
        var other = SNIMapAudit()
        other.configDirectory = "/srv/mx2"
        let there = try #require(other.findings(map: reference, source: source).first { $0.code == .multipleKeys })
        #expect(there.hint.contains("&& postfix -c /srv/mx2 reload`"), "the instance's own reload: \(there.hint)")
    }

    @Test func anEntryWhoseCertificateIsForAnotherNameIsNamed() throws {
        let (reference, _) = try map(age: 60)
        let other = SNIMapSource(text: "other.example.test " + directory.file("mail-chain.pem") + "\n")
        let findings = SNIMapAudit().findings(map: reference, source: other)
        #expect(findings.contains { $0.message.hasPrefix("SNI entry other.example.test:") && ($0.code == .hostnameMismatch || $0.code == .nameNotCovered) },
                "\(findings.map { "\($0.code.rawValue) \($0.message)" })")
    }

    @Test func aLargeMapIsReadOnEveryCoreWithItsReportsInSourceOrderAndInTheCallersLanguage() throws {
        let (reference, _) = try map(age: 60)
        let chain = directory.file("mail-chain.pem")
        // 200 entries (read in parallel from 64): the 11th names a missing file, the 171st a name its certificate lacks.
        let lines = (0..<200).map { index in
            index == 10 ? "h10.example.test \(directory.file("missing.pem"))" : index == 170 ? "other.example.org \(chain)" : "mail.example.test \(chain)"
        }
        let source = SNIMapSource(text: lines.joined(separator: "\n") + "\n")
        let result = SNIMapAudit().audit(map: reference, source: source)
        #expect(result.entries.map(\.entry.line) == Array(1...200), "reports in source order")
        #expect(result.entries[10].findings.contains { $0.message.hasPrefix("SNI entry h10.example.test:") })
        #expect(result.entries[170].findings.contains { $0.message.hasPrefix("SNI entry other.example.org:") })
        #expect(result.entries.enumerated().allSatisfy { index, entry in [10, 170].contains(index) || entry.findings.allSatisfy { $0.severity != .error } })
        let japanese = Catalog.withLanguage(.ja) { SNIMapAudit().audit(map: reference, source: source) }
        #expect(japanese.entries[170].findings.first?.message.hasPrefix("SNI エントリ other.example.org：") == true,
                "\(japanese.entries[170].findings.map(\.message))")
    }
}
