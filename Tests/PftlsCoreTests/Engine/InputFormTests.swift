import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Every input form the engine accepts yields the same key and chain.
@Suite struct InputFormTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    private func inspect(_ paths: [String], passphrase secret: String? = nil) -> InspectionReport {
        Inspector.testing(trusting: [pki.root.certificate])
            .inspect(paths: paths, options: InspectionOptions(hostname: "mail.example.test", passphrases: secret.map(passphrase)))
    }

    private func expectGoodChain(_ report: InspectionReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!report.hasErrors, "unexpected errors: \(report.findings.filter { $0.severity == .error })", sourceLocation: sourceLocation)
        #expect(report.chain.map(\.role) == [.leaf, .intermediate], sourceLocation: sourceLocation)
        #expect(report.leaf?.isSame(as: pki.leaf.certificate) == true, sourceLocation: sourceLocation)
        #expect(report.privateKey?.matches(pki.leaf.certificate) == true, sourceLocation: sourceLocation)
    }

    @Test func pemBundleWithTextBetweenBlocksAndAnyFileOrder() {
        let bundle = "Bag Attributes\n    friendlyName: mail\nsubject=/CN=mail.example.test\n" + pki.leaf.certificate.pem
            + "\nsome comment\n" + pki.intermediate.certificate.pem + "trailing text"
        let key = directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        let chain = directory.write("fullchain.pem", bundle)
        let report = inspect([chain, key])
        expectGoodChain(report)
        #expect(!report.findings.codes.contains(.chainReordered))
    }

    @Test func crlfByteOrderMarkAndMissingFinalNewline() {
        let text = "\u{FEFF}" + (TestPKI.pem(pki.leaf.key) + pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
            .replacingOccurrences(of: "\n", with: "\r\n").dropLast(1)
        let path = directory.write("windows.pem", String(text))
        let report = inspect([path])
        expectGoodChain(report)
        #expect(report.findings.codes.contains(.crlfNormalized))
        let unix = directory.write("unix.pem", TestPKI.pem(pki.leaf.key) + pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        #expect(!inspect([unix]).findings.codes.contains(.crlfNormalized))
    }

    @Test func derCertificateAndDerKeys() {
        directory.write("leaf.pem", pki.leaf.certificate.pem)
        directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        directory.write("inter.pem", pki.intermediate.certificate.pem)
        OpenSSLTool.run(["x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der"], in: directory.path)
        OpenSSLTool.run(["pkey", "-in", "key.pem", "-outform", "DER", "-out", "key.der"], in: directory.path)
        OpenSSLTool.run(["ec", "-in", "key.pem", "-outform", "DER", "-out", "key-traditional.der"], in: directory.path)
        let report = inspect([directory.file("leaf.der"), directory.file("key.der"), directory.file("inter.pem")])
        expectGoodChain(report)
        #expect(report.findings.filter { $0.code == .derConverted }.count == 2)
        expectGoodChain(inspect([directory.file("leaf.der"), directory.file("key-traditional.der"), directory.file("inter.pem")]))
    }

    @Test func traditionalRSAAndECKeysAndPKCS8() throws {
        let rsa = try KeyGenerator.generate(.rsa(bits: 2048))
        let leaf = try pki.issueLeaf(.server("mail.example.test"), key: rsa)
        directory.write("rsa.pem", TestPKI.pem(rsa))
        OpenSSLTool.run(["rsa", "-in", "rsa.pem", "-traditional", "-out", "rsa-traditional.pem"], in: directory.path)
        #expect(String(decoding: directory.read("rsa-traditional.pem"), as: UTF8.self).contains("BEGIN RSA PRIVATE KEY"))
        let cert = directory.write("cert.pem", leaf.certificate.pem + pki.intermediate.certificate.pem)
        #expect(!inspect([directory.file("rsa-traditional.pem"), cert]).hasErrors)
        #expect(!inspect([directory.file("rsa.pem"), cert]).hasErrors)
        directory.write("ec.pem", TestPKI.pem(pki.leaf.key))
        OpenSSLTool.run(["ec", "-in", "ec.pem", "-out", "ec-traditional.pem"], in: directory.path)
        #expect(String(decoding: directory.read("ec-traditional.pem"), as: UTF8.self).contains("BEGIN EC PRIVATE KEY"))
        let chain = directory.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        expectGoodChain(inspect([directory.file("ec-traditional.pem"), chain]))
    }

    @Test(arguments: [PrivateKey.EncryptionFormat.pkcs8, .legacy])
    func encryptedKeys(format: PrivateKey.EncryptionFormat) throws {
        var secret = Array("s3cret pass".utf8)
        let pem = try #require(pki.leaf.key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: format))
        let text = String(decoding: pem, as: UTF8.self)
        #expect(format == .legacy ? text.contains("Proc-Type: 4,ENCRYPTED") : text.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        let key = directory.write("key.pem", pem)
        let chain = directory.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)

        let opened = inspect([key, chain], passphrase: "s3cret pass")
        expectGoodChain(opened)
        #expect(opened.findings.codes.contains(.encryptedKey))

        let missing = inspect([key, chain])
        #expect(missing.findings.codes.contains(.passphraseRequired))
        #expect(!missing.findings.codes.contains(.noPrivateKey))
        #expect(missing.files[0].kind == .encryptedKey)

        let wrong = inspect([key, chain], passphrase: "not it")
        #expect(wrong.findings.codes.contains(.wrongPassphrase))
        #expect(wrong.hasErrors)
    }

    @Test func encryptedDERPKCS8Key() {
        directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        let pass = directory.write("pass.txt", "derpass\n")
        OpenSSLTool.run(["pkcs8", "-topk8", "-in", "key.pem", "-outform", "DER", "-out", "key.p8", "-passout", "file:" + pass, "-v2", "aes-256-cbc"], in: directory.path)
        let chain = directory.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        let report = inspect([directory.file("key.p8"), chain], passphrase: "derpass")
        expectGoodChain(report)
        #expect(report.findings.codes.contains(.encryptedKey))
        #expect(inspect([directory.file("key.p8"), chain]).findings.codes.contains(.passphraseRequired))
    }

    @Test func pkcs12ModernLegacyAndWithoutPassphrase() {
        directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        directory.write("leaf.pem", pki.leaf.certificate.pem)
        directory.write("inter.pem", pki.intermediate.certificate.pem)
        let pass = directory.write("pass.txt", "p12pass\n")
        let common = ["pkcs12", "-export", "-inkey", "key.pem", "-in", "leaf.pem", "-certfile", "inter.pem"]
        OpenSSLTool.run(common + ["-out", "modern.p12", "-passout", "file:" + pass], in: directory.path)
        let legacy = OpenSSLTool.run(common + ["-out", "legacy.pfx", "-passout", "file:" + pass, "-legacy", "-certpbe", "PBE-SHA1-RC2-40", "-keypbe", "PBE-SHA1-3DES"], in: directory.path)
        #expect(legacy.status == 0, "openssl could not make an RC2-40 file: \(legacy.output)")
        OpenSSLTool.run(common + ["-out", "open.p12", "-passout", "pass:", "-nomac", "-certpbe", "NONE", "-keypbe", "NONE"], in: directory.path)

        for name in ["modern.p12", "legacy.pfx"] {
            let report = inspect([directory.file(name)], passphrase: "p12pass")
            expectGoodChain(report)
            #expect(report.findings.contains { $0.code == .pkcs12 && $0.severity == .info })
            let wrong = inspect([directory.file(name)], passphrase: "nope")
            #expect(wrong.findings.contains { $0.code == .pkcs12 && $0.severity == .error })
            #expect(wrong.findings.codes.contains(.wrongPassphrase))
            let missing = inspect([directory.file(name)])
            #expect(missing.findings.contains { $0.code == .pkcs12 && $0.severity == .error })
            #expect(missing.findings.codes.contains(.passphraseRequired))
        }
        expectGoodChain(inspect([directory.file("open.p12")]))
    }

    @Test func pkcs7PEMAndDER() {
        directory.write("leaf.pem", pki.leaf.certificate.pem)
        directory.write("inter.pem", pki.intermediate.certificate.pem)
        OpenSSLTool.run(["crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "inter.pem", "-out", "bundle.p7b"], in: directory.path)
        OpenSSLTool.run(["crl2pkcs7", "-nocrl", "-certfile", "leaf.pem", "-certfile", "inter.pem", "-outform", "DER", "-out", "bundle-der.p7b"], in: directory.path)
        let key = directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        expectGoodChain(inspect([directory.file("bundle.p7b"), key]))
        let der = inspect([key, directory.file("bundle-der.p7b")])
        expectGoodChain(der)
        #expect(der.findings.codes.contains(.derConverted))
    }

    @Test func fileKindsForTheBrowser() {
        let key = directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        let cert = directory.write("cert.pem", pki.leaf.certificate.pem)
        let chain = directory.write("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem)
        let inspector = Inspector.testing()
        #expect(inspector.load(key, passphrases: nil).kind == .key)
        #expect(inspector.load(cert, passphrases: nil).kind == .certificate)
        #expect(inspector.load(chain, passphrases: nil).kind == .chain)
    }
}
