import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The files of one inspection together are bounded, not only each file.
@Suite struct TotalInputBoundTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    @Test func filesBeyondTheTotalAreRefusedWithTheFileNamed() {
        // Each file is under the per-file limit; five of them pass the total.
        let padding = String(repeating: "# padding\n", count: (Inspector.maximumFileSize - 4096) / 10)
        let paths = (0..<5).map { directory.write("part\($0).pem", padding + pki.intermediate.certificate.pem) }
        let leaf = directory.write("leaf.pem", TestPKI.pem(pki.leaf.key) + pki.leaf.certificate.pem)
        let report = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [leaf] + paths)
        let refused = report.findings.filter { $0.code == .tooLarge }
        #expect(refused.map(\.file) == [paths[4]], "\(report.findings.map(\.message))")
        #expect(refused.first?.message.contains("\(Inspector.maximumTotalSize)") == true)
        #expect(report.files[0..<4].allSatisfy { $0.findings.isEmpty }, "the files within the bound are read")
    }

    @Test func aShuffledChainIsOrderedAndTheLeafFoundAmongManyCertificates() throws {
        // A chain five deep, given top first, among 200 other certificates of the same issuer
        // and key: only the issuer index finds each link, whatever the order.
        var issuer = pki.intermediate
        var chain: [TestPKI.Pair] = []
        for depth in 0..<4 {
            let key = try KeyGenerator.generate(.ec(curve: "P-256"))
            let certificate = try CertificateFactory.issue(.authority("Deep \(depth)"), subjectKey: key, issuer: issuer)
            issuer = (certificate, key)
            chain.append(issuer)
        }
        let leafKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: leafKey, issuer: issuer)
        let otherKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        var others: [String] = []
        for index in 0..<200 {
            others.append(try CertificateFactory.issue(.server("other-\(index).example.test"), subjectKey: otherKey, issuer: pki.intermediate).pem)
        }
        let text = others.joined() + chain.reversed().map(\.certificate.pem).joined() + pki.intermediate.certificate.pem + leaf.pem + TestPKI.pem(leafKey)
        let path = directory.write("mixed.pem", text)
        let report = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [path], options: InspectionOptions(hostname: "mail.example.test"))
        #expect(report.leaf?.isSame(as: leaf) == true)
        #expect(report.chain.map(\.certificate.subject) == [leaf.subject] + chain.reversed().map(\.certificate.subject) + [pki.intermediate.certificate.subject])
        #expect(report.findings.contains { $0.code == .unrelatedCertificate }, "the others fit nowhere")
        #expect(!report.findings.contains { $0.code == .chainBroken || $0.code == .badSignature }, "\(report.findings.map(\.message))")
    }
}
