import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Every name clients use must be on the certificate: `name-not-covered` otherwise.
@Suite struct NamesInUseTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    private func inspect(names: [String]) -> InspectionReport {
        let key = directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        let chain = directory.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        return Inspector.testing(trusting: [pki.root.certificate])
            .inspect(paths: [key, chain], options: InspectionOptions(hostname: "mail.example.test", names: names))
    }

    @Test func aNameTheCertificateLacksIsAWarningThatSaysHowToFixIt() {
        let report = inspect(names: ["mail.example.test", "smtp.example.test"])
        let missing = report.findings.filter { $0.code == .nameNotCovered }
        #expect(missing.count == 1)
        #expect(missing.first?.severity == .warning)
        #expect(missing.first?.message.contains("smtp.example.test") == true)
        #expect(missing.first?.hint.contains("pftls csr") == true)
        #expect(inspect(names: ["mail.example.test"]).findings.filter { $0.code == .nameNotCovered }.isEmpty)
    }

    @Test func answersCarryTheNames() throws {
        let json = """
        {"certificateDirectory": "/etc/postfix/tls", "privateKey": "/k", "certificate": "/c", "intermediates": [],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "services": [{"name": "smtp"}],
         "names": ["mx1.example.test", "submission.example.test"]}
        """
        let answers = try AnswersJSON.parse(Array(json.utf8), file: "a.json")
        #expect(answers.names == ["mx1.example.test", "submission.example.test"])
        #expect(try AnswersJSON.parse(Array(AnswersJSON.render(answers).utf8), file: "b.json").names == answers.names, "names round-trip")
        let bad = json.replacingOccurrences(of: "[\"mx1.example.test\", \"submission.example.test\"]", with: "\"mx1.example.test\"")
        #expect(throws: AnswersJSON.Failure.self) { _ = try AnswersJSON.parse(Array(bad.utf8), file: "c.json") }
    }
}
