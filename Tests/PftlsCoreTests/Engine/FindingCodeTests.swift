import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Each finding code appears when its problem is there, and not when it is not.
@Suite struct FindingCodeTests {
    let pki = TestPKI.shared
    let directory = FixtureDirectory()

    private func report(_ files: [(String, String)], hostname: String? = "mail.example.test", trusting: [Certificate]? = nil,
                        now: Date = Date(), secret: String? = nil, privateCA: Bool = false) -> InspectionReport {
        let paths = files.map { directory.write($0.0, $0.1) }
        return Inspector.testing(trusting: trusting ?? [pki.root.certificate], now: now)
            .inspect(paths: paths, options: InspectionOptions(hostname: hostname, passphrases: secret.map(passphrase), privateCA: privateCA))
    }

    private var keyFile: (String, String) { ("key.pem", TestPKI.pem(pki.leaf.key)) }
    private var goodChain: (String, String) { ("chain.pem", pki.leaf.certificate.pem + pki.intermediate.certificate.pem) }

    @Test func aGoodSetHasNoFindingsAtAll() {
        let result = report([keyFile, goodChain])
        #expect(result.findings.isEmpty, "\(result.findings)")
    }

    @Test func unreadableAndTooLarge() {
        let missing = Inspector.testing().inspect(paths: [directory.file("nope.pem")])
        #expect(missing.findings.first?.code == .unreadable)
        #expect(missing.findings.first?.message.contains("nope.pem") == true)
        let folder = Inspector.testing().inspect(paths: [directory.path])
        #expect(folder.findings.first?.code == .unreadable)
        let big = directory.write("big.pem", [UInt8](repeating: 0x41, count: Inspector.maximumFileSize + 1))
        let large = Inspector.testing().inspect(paths: [big])
        #expect(large.findings.first?.code == .tooLarge)
        let exact = directory.write("exact.pem", [UInt8](repeating: 0x41, count: Inspector.maximumFileSize))
        #expect(!Inspector.testing().inspect(paths: [exact]).findings.codes.contains(.tooLarge))
    }

    @Test func notPemOrDerForEmptyGarbageTruncatedAndCorrupt() {
        let pem = pki.leaf.certificate.pem
        let cases: [(String, String)] = [
            ("empty.pem", ""),
            ("garbage.pem", "hello, this is not a certificate\n"),
            ("truncated.pem", String(pem.prefix(pem.count / 2))),
            ("corrupt.pem", pem.replacingOccurrences(of: "MI", with: "M!", options: [], range: pem.range(of: "MI"))),
        ]
        for entry in cases {
            let result = report([entry])
            #expect(result.findings.codes.contains(.notPemOrDer), "\(entry.0): \(result.findings.codes)")
        }
        var der = pki.leaf.certificate.der
        der.removeLast(10)
        let truncatedDER = directory.write("cut.der", der)
        #expect(Inspector.testing().inspect(paths: [truncatedDER]).findings.codes.contains(.notPemOrDer))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.notPemOrDer))
    }

    @Test func csrNoKeyNoCertificateMultipleKeys() throws {
        directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        OpenSSLTool.run(["req", "-new", "-key", "key.pem", "-subj", "/CN=mail.example.test", "-out", "req.csr"], in: directory.path)
        let csr = String(decoding: directory.read("req.csr"), as: UTF8.self)
        let withCSR = report([keyFile, ("req.csr", csr)])
        #expect(withCSR.findings.codes.contains(.csrNotCertificate))
        #expect(withCSR.findings.codes.contains(.noCertificate))
        #expect(report([goodChain]).findings.codes.contains(.noPrivateKey))
        #expect(report([keyFile]).findings.codes.contains(.noCertificate))
        let other = try KeyGenerator.generate(.ec(curve: "P-256"))
        #expect(report([keyFile, ("other.pem", TestPKI.pem(other)), goodChain]).findings.codes.contains(.multipleKeys))
        // The same key twice is not two keys.
        #expect(!report([keyFile, ("copy.pem", TestPKI.pem(pki.leaf.key)), goodChain]).findings.codes.contains(.multipleKeys))
    }

    @Test func unsupportedKeys() {
        OpenSSLTool.run(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", "dsa.param"], in: directory.path)
        OpenSSLTool.run(["genpkey", "-paramfile", "dsa.param", "-out", "dsa.pem"], in: directory.path)
        let dsa = String(decoding: directory.read("dsa.pem"), as: UTF8.self)
        #expect(report([("dsa.pem", dsa), goodChain]).findings.codes.contains(.unsupportedKey))
        let openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"
        #expect(report([("id_ed25519", openssh), goodChain]).findings.codes.contains(.unsupportedKey))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.unsupportedKey))
    }

    @Test func keyCertMismatch() throws {
        let other = try KeyGenerator.generate(.ec(curve: "P-256"))
        let result = report([("other.pem", TestPKI.pem(other)), goodChain])
        #expect(result.findings.codes.contains(.keyCertMismatch))
        #expect(result.hasErrors)
        // The leaf is still found and the chain still drawn.
        #expect(result.chain.count == 2)
    }

    @Test func expiredNotYetValidAndExpiresSoon() {
        let now = Date()
        #expect(report([keyFile, goodChain], now: now.addingTimeInterval(400 * 86_400)).findings.codes.contains(.expired))
        #expect(report([keyFile, goodChain], now: now.addingTimeInterval(-3 * 86_400)).findings.codes.contains(.notYetValid))
        let soon = report([keyFile, goodChain], now: now.addingTimeInterval(340 * 86_400))
        #expect(soon.findings.codes.contains(.expiresSoon))
        #expect(!soon.hasErrors)
        let fine = report([keyFile, goodChain], now: now.addingTimeInterval(300 * 86_400)).findings.codes
        #expect(!fine.contains(.expiresSoon) && !fine.contains(.expired) && !fine.contains(.notYetValid))
    }

    @Test func expiredIntermediateIsAnError() throws {
        let now = Date()
        var spec = CertificateSpec.authority("Old Intermediate")
        spec.notAfter = now.addingTimeInterval(-86_400)
        spec.notBefore = now.addingTimeInterval(-900 * 86_400)
        let oldKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let old = try CertificateFactory.issue(spec, subjectKey: oldKey, issuer: pki.root)
        let leaf = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: pki.leaf.key, issuer: (old, oldKey))
        let result = report([keyFile, ("chain.pem", leaf.pem + old.pem)])
        #expect(result.findings.contains { $0.code == .expired && $0.message.contains("intermediate") })
    }

    @Test func chainBrokenWrongIntermediateAndSameNameOtherKey() throws {
        let strangerKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let stranger = try CertificateFactory.issue(.authority("Some Other CA"), subjectKey: strangerKey, issuer: pki.root)
        let wrong = report([keyFile, ("chain.pem", pki.leaf.certificate.pem + stranger.pem)])
        #expect(wrong.findings.codes.contains(.chainBroken))
        // Same name as the real intermediate, different key: the names link but the key identifiers do not.
        let impostor = try CertificateFactory.issue(.authority("pftls Test Intermediate"), subjectKey: strangerKey, issuer: pki.root)
        let sameName = report([keyFile, ("chain.pem", pki.leaf.certificate.pem + impostor.pem)])
        #expect(sameName.findings.codes.contains(.chainBroken))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.chainBroken))
    }

    @Test func leafIsCAAndNoServerAuthAndKeyUsage() throws {
        var caLeaf = CertificateSpec.server("mail.example.test")
        caLeaf.isCA = true
        let issuedCA = try pki.issueLeaf(caLeaf)
        #expect(report([("k.pem", TestPKI.pem(issuedCA.key)), ("c.pem", issuedCA.certificate.pem + pki.intermediate.certificate.pem)])
            .findings.codes.contains(.leafIsCA))

        var clientOnly = CertificateSpec.server("mail.example.test")
        clientOnly.extendedKeyUsage = "clientAuth,emailProtection"
        let client = try pki.issueLeaf(clientOnly)
        #expect(report([("k.pem", TestPKI.pem(client.key)), ("c.pem", client.certificate.pem + pki.intermediate.certificate.pem)])
            .findings.codes.contains(.noServerAuth))

        var noEKU = CertificateSpec.server("mail.example.test")
        noEKU.extendedKeyUsage = nil
        let plain = try pki.issueLeaf(noEKU)
        #expect(!report([("k.pem", TestPKI.pem(plain.key)), ("c.pem", plain.certificate.pem + pki.intermediate.certificate.pem)])
            .findings.codes.contains(.noServerAuth))

        var signOnlyCRL = CertificateSpec.server("mail.example.test")
        signOnlyCRL.keyUsage = "critical,cRLSign"
        let odd = try pki.issueLeaf(signOnlyCRL)
        #expect(report([("k.pem", TestPKI.pem(odd.key)), ("c.pem", odd.certificate.pem + pki.intermediate.certificate.pem)])
            .findings.codes.contains(.keyUsage))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.keyUsage))
    }

    @Test func weakKeysAndSHA1Signatures() throws {
        let weak = try KeyGenerator.generate(.rsa(bits: 1024))
        let issued = try pki.issueLeaf(.server("mail.example.test"), key: weak)
        let result = report([("k.pem", TestPKI.pem(weak)), ("c.pem", issued.certificate.pem + pki.intermediate.certificate.pem)])
        #expect(result.findings.filter { $0.code == .weakKey }.count == 1)

        let rsa = try KeyGenerator.generate(.rsa(bits: 2048))
        var sha1 = CertificateSpec.server("mail.example.test")
        sha1.digest = "SHA1"
        let rsaRoot = try CertificateFactory.issue(.authority("RSA Root"), subjectKey: rsa)
        let leafKey = try KeyGenerator.generate(.rsa(bits: 2048))
        let old = try CertificateFactory.issue(sha1, subjectKey: leafKey, issuer: (rsaRoot, rsa))
        let sha1Report = report([("k.pem", TestPKI.pem(leafKey)), ("c.pem", old.pem + rsaRoot.pem)], trusting: [rsaRoot])
        #expect(sha1Report.findings.codes.contains(.sha1Signature))
        #expect(!sha1Report.findings.codes.contains(.weakKey))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.sha1Signature))
    }

    @Test func badSignature() {
        var der = pki.leaf.certificate.der
        der[der.count - 5] ^= 0xFF
        let tampered = directory.write("tampered.der", der)
        let chain = directory.write("inter.pem", pki.intermediate.certificate.pem)
        let key = directory.write("key.pem", TestPKI.pem(pki.leaf.key))
        let result = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [key, tampered, chain], options: InspectionOptions(hostname: "mail.example.test"))
        #expect(result.findings.codes.contains(.badSignature))
    }

    @Test func hostnameMatchingFollowsRFC6125() throws {
        #expect(report([keyFile, goodChain], hostname: "other.example.test").findings.codes.contains(.hostnameMismatch))
        #expect(!report([keyFile, goodChain], hostname: "MAIL.example.test").findings.codes.contains(.hostnameMismatch))
        let wildcard = try pki.issueLeaf(.server("*.example.test"))
        let files = [("k.pem", TestPKI.pem(wildcard.key)), ("c.pem", wildcard.certificate.pem + pki.intermediate.certificate.pem)]
        #expect(!report(files, hostname: "smtp.example.test").findings.codes.contains(.hostnameMismatch))
        #expect(report(files, hostname: "a.b.example.test").findings.codes.contains(.hostnameMismatch))
        #expect(report(files, hostname: "example.test").findings.codes.contains(.hostnameMismatch))
    }

    /// The hint names every place the host name comes from, and a certificate without a
    /// subjectAltName is said to have none in the language of the rest.
    @Test func aMismatchWithoutSubjectAltNameIsWordedInEachLanguage() throws {
        let bare = try pki.issueLeaf(.server("mail.example.test", names: []))
        let files = [("k.pem", TestPKI.pem(bare.key)), ("c.pem", bare.certificate.pem + pki.intermediate.certificate.pem)]
        let english = try #require(Catalog.withLanguage(.en) { report(files, hostname: "other.example.test") }.findings.first { $0.code == .hostnameMismatch })
        #expect(english.message.hasSuffix("(it names: no subjectAltName)"), "\(english.message)")
        #expect(english.hint.contains("--hostname") && english.hint.contains("myhostname"), "\(english.hint)")
        let japanese = try #require(Catalog.withLanguage(.ja) { report(files, hostname: "other.example.test") }.findings.first { $0.code == .hostnameMismatch })
        #expect(japanese.message.contains("subjectAltName なし") && !japanese.message.contains("no subjectAltName"), "\(japanese.message)")
    }

    @Test func selfSignedUntrustedRootIncompleteChainRootIncluded() throws {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let selfSigned = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: key)
        let alone = report([("k.pem", TestPKI.pem(key)), ("c.pem", selfSigned.pem)])
        #expect(alone.findings.codes.contains(.selfSigned))
        #expect(!alone.hasErrors)

        let withRoot = report([keyFile, ("c.pem", goodChain.1 + pki.root.certificate.pem)], trusting: [])
        #expect(withRoot.findings.codes.contains(.rootIncluded))
        #expect(withRoot.findings.codes.contains(.untrustedRoot))
        #expect(withRoot.chain.map(\.role) == [.leaf, .intermediate, .root])
        #expect(withRoot.servedChain.count == 2)

        let trustedRoot = report([keyFile, ("c.pem", goodChain.1 + pki.root.certificate.pem)])
        #expect(trustedRoot.findings.codes.contains(.rootIncluded))
        #expect(!trustedRoot.findings.codes.contains(.untrustedRoot))

        // A leaf alone: its issuer is missing, an error unless the CA is declared private.
        let leafOnly = report([keyFile, ("c.pem", pki.leaf.certificate.pem)])
        #expect(leafOnly.findings.codes.contains(.intermediateMissing) && leafOnly.hasErrors)
        let privateLeafOnly = report([keyFile, ("c.pem", pki.leaf.certificate.pem)], privateCA: true)
        #expect(privateLeafOnly.findings.codes.contains(.incompleteChain) && !privateLeafOnly.hasErrors)
        // An intermediate whose root is not trusted: a private CA's chain, a warning.
        let untrustedTop = report([keyFile, goodChain], trusting: [])
        #expect(untrustedTop.findings.codes.contains(.incompleteChain) && !untrustedTop.findings.codes.contains(.intermediateMissing))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.incompleteChain))
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.selfSigned))
    }

    @Test func chainReorderedAndUnrelatedCertificate() throws {
        let reversed = report([keyFile, ("c.pem", pki.intermediate.certificate.pem + pki.leaf.certificate.pem)])
        #expect(reversed.findings.codes.contains(.chainReordered))
        #expect(reversed.chain.map(\.role) == [.leaf, .intermediate])
        let other = try pki.issueLeaf(.server("other.example.test"))
        let extra = report([keyFile, ("c.pem", goodChain.1 + other.certificate.pem)])
        #expect(extra.findings.codes.contains(.unrelatedCertificate))
        #expect(!extra.hasErrors)
        // Separate files in any order are not a reordered chain.
        #expect(!report([("i.pem", pki.intermediate.certificate.pem), keyFile, ("l.pem", pki.leaf.certificate.pem)]).findings.codes.contains(.chainReordered))
    }

    @Test func ed25519Compatibility() throws {
        let key = try KeyGenerator.generate(.ed25519)
        let leaf = try pki.issueLeaf(.server("mail.example.test"), key: key)
        let result = report([("k.pem", TestPKI.pem(key)), ("c.pem", leaf.certificate.pem + pki.intermediate.certificate.pem)])
        #expect(result.findings.codes.contains(.ed25519Compat))
        #expect(!result.hasErrors)
        #expect(!report([keyFile, goodChain]).findings.codes.contains(.ed25519Compat))
    }

    @Test func everyFindingNamesItsFileAndHasAHint() {
        let result = report([("k.pem", "garbage"), ("c.pem", pki.intermediate.certificate.pem + pki.leaf.certificate.pem)], hostname: "x.test")
        for finding in result.findings {
            #expect(!finding.hint.isEmpty)
            if let file = finding.file { #expect(finding.message.contains(SafeText.escape(file))) }
        }
    }
}
