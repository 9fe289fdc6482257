import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls inspect` as a script or a person runs it: exit codes, output, secrets.
@Suite(.tags(.endToEnd)) struct InspectCommandTests {
    let files = FixtureDirectory()
    let pki = TestPKI.shared

    private var keyPEM: String { TestPKI.pem(pki.leaf.key) }

    @Test func exitCodesZeroOneTwo() throws {
        let key = files.write("key.pem", keyPEM)
        let chain = files.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        let good = try Pftls.run(["inspect", "--hostname", "mail.example.test", key, chain])
        #expect(good.status == 0, "\(good.all)")
        #expect(good.standardOutput.contains("[leaf] CN=mail.example.test"))
        #expect(good.standardOutput.contains("[intermediate] CN=\(TestPKI.intermediateName)"))

        let bad = try Pftls.run(["inspect", "--hostname", "mail.example.test", chain])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains("[no-private-key]"))

        #expect(try Pftls.run(["inspect"]).status == 2)
        #expect(try Pftls.run(["inspect", "--bogus", key]).status == 2)
        let missingPass = try Pftls.run(["inspect", "--passphrase-file", files.file("nope"), key])
        #expect(missingPass.status == 2)
        #expect(missingPass.standardError.contains("nope"))
    }

    @Test func jsonHasFindingsAndChain() throws {
        let chain = files.write("chain2.pem", pki.intermediate.certificate.pem + pki.leaf.certificate.pem)
        let key = files.write("key2.pem", keyPEM)
        let result = try Pftls.run(["inspect", "--json", "--hostname", "mail.example.test", key, chain])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
        let findings = object["findings"] as! [[String: Any]]
        #expect(findings.contains { $0["code"] as? String == "chain-reordered" && $0["severity"] as? String == "warning" })
        for finding in findings {
            #expect(Set(finding.keys) == ["code", "severity", "message", "hint", "file"])
        }
        let chainItems = object["chain"] as! [[String: Any]]
        #expect(chainItems.map { $0["role"] as? String } == ["leaf", "intermediate"])
        #expect(chainItems[0]["sha256Fingerprint"] as? String == pki.leaf.certificate.sha256FingerprintText)
    }

    @Test func thePassphraseNeverAppearsInAnyOutput() throws {
        let secretText = "Tr0ub4dor&3-unique-marker"
        let encrypted = TestPKI.encryptedPEM(pki.leaf.key, passphrase: secretText)
        let key = files.file("enc.pem")
        FileManager.default.createFile(atPath: key, contents: Data(encrypted))
        let chain = files.write("chain3.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        let right = files.write("right.txt", secretText + "\n")
        let wrong = files.write("wrong.txt", secretText + "-wrong\n")
        for arguments in [["inspect", key, chain, "--passphrase-file", right],
                          ["inspect", "--json", key, chain, "--passphrase-file", right],
                          ["inspect", key, chain, "--passphrase-file", wrong],
                          ["inspect", "--json", key, chain, "--passphrase-file", wrong]] {
            let result = try Pftls.run(arguments)
            #expect(!result.all.contains(secretText), "passphrase leaked with \(arguments)")
            #expect(!result.all.contains("Tr0ub4dor"))
        }
        let opened = try Pftls.run(["inspect", "--hostname", "mail.example.test", key, chain, "--passphrase-file", right])
        #expect(opened.status == 0)
        #expect(opened.standardOutput.contains("[encrypted-key]"))
        let refused = try Pftls.run(["inspect", key, chain, "--passphrase-file", wrong])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("[wrong-passphrase]"))
        let noPass = try Pftls.run(["inspect", key, chain])
        #expect(noPass.status == 1)
        #expect(noPass.standardOutput.contains("[passphrase-required]"))
    }

    @Test func controlCharactersFromFilesAreEscaped() throws {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let hostile = try CertificateFactory.issue(.server("x\u{1B}[31mred\u{202E}", names: ["a.test"]), subjectKey: key)
        let path = files.write("hostile.pem", hostile.pem)
        let result = try Pftls.run(["inspect", path])
        #expect(!result.all.contains("\u{1B}"))
        #expect(!result.all.contains("\u{202E}"))
        #expect(result.standardOutput.contains("\\x1b[31mred"))
    }
}
