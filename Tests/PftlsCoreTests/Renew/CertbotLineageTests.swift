import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Which lineage certbot renewed is Postfix's, and when a renewal drops a name in use.
@Suite struct CertbotLineageTests {
    let pki = TestPKI.shared

    private func leaf(_ names: [String]) throws -> Certificate {
        try pki.issueLeaf(.server(names[0], names: names)).certificate
    }

    private let inUse = { (leaf: Certificate) in NamesInUse(leaf: leaf, hostname: "mail.example.test", others: ["MX.example.test"]) }

    @Test func namesInUseAreTheCertificatesMyhostnameAndTheGivenOnesOnceEach() throws {
        let names = inUse(try leaf(["mail.example.test", "smtp.example.test"]))
        #expect(names.names == ["mail.example.test", "smtp.example.test", "MX.example.test"])
        #expect(NamesInUse(leaf: nil, hostname: nil, others: []).names == [])
    }

    @Test func aLineageIsPostfixsWhenItsCertificateCoversANameInUse() throws {
        let names = inUse(try leaf(["mail.example.test", "smtp.example.test"]))
        let lineage = CertbotLineage(directory: "/etc/letsencrypt/live/anything/")
        #expect(lineage.name == "anything")
        #expect(lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: try leaf(["smtp.example.test"])) == .covers("smtp.example.test"))
        #expect(lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: try leaf(["*.example.test"])) == .covers("mail.example.test"))
        #expect(lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: try leaf(["mx.example.test"])) == .covers("MX.example.test"))
        let foreign = lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: try leaf(["www.other.test", "other.test"]))
        #expect(foreign == .coversNone(["mail.example.test", "smtp.example.test", "MX.example.test"]))
        #expect(!foreign.installs)
        #expect(foreign.line(lineage: lineage).contains("skipped certbot lineage anything"))
        #expect(lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: nil) == .unreadable)
    }

    @Test func aWildcardInUseIsCoveredByTheSameWildcard() throws {
        let names = NamesInUse(leaf: try leaf(["*.example.test"]), hostname: "host.internal.test", others: [])
        let lineage = CertbotLineage(directory: "/etc/letsencrypt/live/wild")
        #expect(lineage.verdict(configured: nil, filesInUse: [], names: names, leaf: try leaf(["*.example.test"])) == .covers("*.example.test"))
    }

    @Test func theConfiguredLineageIsTheOnlyOne() throws {
        let names = inUse(try leaf(["mail.example.test"]))
        let covering = try leaf(["mail.example.test"])
        let lineage = CertbotLineage(directory: "/etc/letsencrypt/live/mail.example.test")
        #expect(lineage.verdict(configured: "mail.example.test", filesInUse: [], names: names, leaf: try leaf(["x.other.test"])) == .configured)
        #expect(lineage.verdict(configured: "/etc/letsencrypt/live/mail.example.test/", filesInUse: [], names: names, leaf: nil) == .configured)
        let other = lineage.verdict(configured: "postfix", filesInUse: [], names: names, leaf: covering)
        #expect(other == .notConfigured("postfix"), "a configured lineage excludes every other, even one that covers the names")
        #expect(!other.installs)
        #expect(lineage.verdict(configured: "", filesInUse: [], names: names, leaf: covering) == .covers("mail.example.test"), "empty is not set")
    }

    @Test func aLineageWhoseFilesPostfixUsesIsPostfixs() throws {
        let root = FixtureDirectory()
        let live = root.file("live/old"), archive = root.file("archive/old")
        for directory in [live, archive] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        root.write("archive/old/fullchain1.pem", "")
        try FileManager.default.createSymbolicLink(atPath: live + "/fullchain.pem", withDestinationPath: "../../archive/old/fullchain1.pem")
        let lineage = CertbotLineage(directory: live)
        let names = NamesInUse(leaf: nil, hostname: "mail.example.test", others: [])
        let foreign = try leaf(["www.other.test"])
        #expect(lineage.verdict(configured: nil, filesInUse: [live + "/fullchain.pem"], names: names, leaf: foreign) == .holdsFilesInUse)
        #expect(lineage.verdict(configured: nil, filesInUse: [archive + "/fullchain1.pem"], names: names, leaf: foreign) == .holdsFilesInUse)
        #expect(lineage.verdict(configured: nil, filesInUse: [root.file("tls/fullchain.pem")], names: names, leaf: foreign)
                == .coversNone(["mail.example.test"]))
    }

    @Test func namesDroppedIsAnErrorWhenRefusedAndAWildcardDropsNothing() throws {
        let old = try leaf(["mail.example.test", "smtp.example.test"])
        let refused = RenewalPlanner.droppedNames(old: old, new: try leaf(["mail.example.test"]), file: "new.pem", refused: true)
        #expect(refused.map(\.severity) == [.error])
        #expect(refused.first?.hint.contains("--allow-names-dropped") == true)
        #expect(RenewalPlanner.droppedNames(old: old, new: try leaf(["*.example.test"]), file: "new.pem", refused: true).isEmpty)
        #expect(RenewalPlanner.droppedNames(old: old, new: try leaf(["SMTP.example.test", "Mail.Example.test"]), file: "new.pem", refused: true).isEmpty)
    }
}
