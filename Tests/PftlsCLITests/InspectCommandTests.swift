import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls inspect` as a script or a person runs it: exit codes, output, secrets.
@Suite struct InspectCommandTests {
    let directory: String
    let pki: (root: Certificate, intermediate: (Certificate, PrivateKey), leaf: (Certificate, PrivateKey))

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/pftls-cli-XXXXXX").utf8CString)
        directory = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        let rootKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let root = try CertificateFactory.issue(.authority("CLI Root"), subjectKey: rootKey)
        let interKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let inter = try CertificateFactory.issue(.authority("CLI Intermediate"), subjectKey: interKey, issuer: (root, rootKey))
        let leafKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: leafKey, issuer: (inter, interKey))
        pki = (root, (inter, interKey), (leaf, leafKey))
    }

    private func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    private var keyPEM: String { pki.leaf.1.unencryptedPEM()!.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    @Test func exitCodesZeroOneTwo() throws {
        let key = write("key.pem", keyPEM)
        let chain = write("chain.pem", pki.leaf.0.pem + pki.intermediate.0.pem)
        let good = try Pftls.run(["inspect", "--hostname", "mail.example.test", key, chain])
        #expect(good.status == 0, "\(good.all)")
        #expect(good.standardOutput.contains("[leaf] CN=mail.example.test"))
        #expect(good.standardOutput.contains("[intermediate] CN=CLI Intermediate"))

        let bad = try Pftls.run(["inspect", "--hostname", "mail.example.test", chain])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains("[no-private-key]"))

        #expect(try Pftls.run(["inspect"]).status == 2)
        #expect(try Pftls.run(["inspect", "--bogus", key]).status == 2)
        let missingPass = try Pftls.run(["inspect", "--passphrase-file", directory + "/nope", key])
        #expect(missingPass.status == 2)
        #expect(missingPass.standardError.contains("nope"))
    }

    @Test func jsonHasFindingsAndChain() throws {
        let chain = write("chain2.pem", pki.intermediate.0.pem + pki.leaf.0.pem)
        let key = write("key2.pem", keyPEM)
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
        #expect(chainItems[0]["sha256Fingerprint"] as? String == pki.leaf.0.sha256FingerprintText)
    }

    @Test func thePassphraseNeverAppearsInAnyOutput() throws {
        let secretText = "Tr0ub4dor&3-unique-marker"
        var secret = Array(secretText.utf8)
        let encrypted = pki.leaf.1.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8)!
        let key = directory + "/enc.pem"
        FileManager.default.createFile(atPath: key, contents: Data(encrypted))
        let chain = write("chain3.pem", pki.leaf.0.pem + pki.intermediate.0.pem)
        let right = write("right.txt", secretText + "\n")
        let wrong = write("wrong.txt", secretText + "-wrong\n")
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
        let path = write("hostile.pem", hostile.pem)
        let result = try Pftls.run(["inspect", path])
        #expect(!result.all.contains("\u{1B}"))
        #expect(!result.all.contains("\u{202E}"))
        #expect(result.standardOutput.contains("\\x1b[31mred"))
    }
}
