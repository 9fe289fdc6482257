import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Random and truncated bytes never crash the sniffer, the PEM reader or the decoder.
@Suite struct RobustnessTests {
    let pki = TestPKI.shared

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 42)
        for round in 0..<400 {
            let length = Int.random(in: 0..<600, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round % 3 == 0 { bytes.insert(0x30, at: 0) } // look like DER
            if round % 5 == 0 { bytes = Array("-----BEGIN CERTIFICATE-----\n".utf8) + bytes }
            _ = FileFormat.sniff(bytes)
            _ = PEMDocument(text: String(decoding: bytes, as: UTF8.self))
            let decoded = FileDecoder(path: "random-\(round)", passphrases: nil).decode(bytes)
            // Nothing decoded is never silent: it comes with an error that says why.
            #expect(!decoded.items.isEmpty || decoded.findings.hasErrors, "round \(round)")
        }
    }

    @Test func everyTruncationOfRealInputsIsHandled() throws {
        var secret = Array("pw".utf8)
        let encrypted = try #require(pki.leaf.key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8))
        let inputs: [[UInt8]] = [Array(pki.leaf.certificate.pem.utf8), pki.leaf.certificate.der, encrypted]
        for input in inputs {
            for cut in stride(from: 0, to: input.count, by: 7) {
                let prefix = Array(input.prefix(cut))
                let decoded = FileDecoder(path: "cut", passphrases: passphrase("pw")).decode(prefix)
                // A strict prefix is never taken for a whole, valid object without complaint.
                #expect(decoded.findings.hasErrors || decoded.items.isEmpty == false)
            }
        }
    }

    @Test func bitFlipsInDERNeverCrash() {
        let der = pki.intermediate.certificate.der
        for index in stride(from: 0, to: der.count, by: 3) {
            var copy = der
            copy[index] ^= 0x5A
            let decoded = FileDecoder(path: "flip", passphrases: nil).decode(copy)
            // The checks run too: they once trapped on a key OpenSSL could not load.
            _ = Inspector.testing().inspect(decoded: [decoded], options: InspectionOptions(hostname: "mail.example.test"))
        }
    }

    @Test func aCertificateWithADamagedECPointIsReportedNotTrapped() throws {
        var der = pki.leaf.certificate.der
        // The SubjectPublicKeyInfo's BIT STRING: 03 42 00 04 X(32) Y(32) for P-256.
        let marker: [UInt8] = [0x03, 0x42, 0x00, 0x04]
        let start = try #require((0..<(der.count - marker.count)).first { Array(der[$0..<$0 + marker.count]) == marker })
        der[start + marker.count + 5] ^= 0x01
        let directory = FixtureDirectory()
        let path = directory.write("damaged.der", String(decoding: der, as: Unicode.ASCII.self))
        FileManager.default.createFile(atPath: path, contents: Data(der))
        let report = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [path], options: InspectionOptions(hostname: "mail.example.test"))
        let finding = try #require(report.findings.first { $0.code == .unsupportedKey }, "\(report.findings)")
        #expect(finding.severity == .error)
        #expect(finding.message.contains("OpenSSL cannot read"))
    }
}

/// Work and output stay bounded whatever the input.
@Suite struct BoundedWorkTests {
    @Test func findingsOfOneKindAreCappedWithACount() throws {
        let pki = TestPKI.shared
        var bundle = pki.leaf.certificate.pem + pki.intermediate.certificate.pem
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        for index in 0..<60 {
            bundle += try CertificateFactory.issue(.authority("Unrelated \(index)"), subjectKey: key).pem
        }
        let directory = FixtureDirectory()
        let path = directory.write("bundle.pem", bundle)
        let report = Inspector.testing(trusting: [pki.root.certificate]).inspect(paths: [path], options: InspectionOptions(hostname: "mail.example.test"))
        let unrelated = report.findings.filter { $0.code == .unrelatedCertificate }
        #expect(unrelated.count == FindingLimit.perCode + 1, "\(unrelated.count)")
        #expect(unrelated.last?.message.contains("and 40 more unrelated-certificate") == true, "\(unrelated.last?.message ?? "")")
    }

    /// `count` certificates, each issued by the one before, the first self-signed; leaf last.
    private func linkedCertificates(_ count: Int) throws -> [Certificate] {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        var certificates = [try CertificateFactory.issue(.authority("Link 0"), subjectKey: key)]
        for index in 1..<count {
            certificates.append(try CertificateFactory.issue(.authority("Link \(index)"), subjectKey: key, issuer: (certificates[index - 1], key)))
        }
        return certificates
    }

    @Test func certificatesPerFileAndInTotalAreBoundedAndTheReportStaysSmall() throws {
        let directory = FixtureDirectory()
        let links = try linkedCertificates(CertificateBudget.perFile + 50)
        let big = directory.write("linked.pem", links.reversed().map(\.pem).joined())
        let report = Inspector.testing().inspect(paths: [big])
        let refusal = report.findings.first { $0.code == .tooManyCertificates }
        #expect(refusal?.severity == .error)
        #expect(refusal?.message.contains("linked.pem") == true)
        #expect(refusal?.message.contains("250 were read and 50 more skipped") == true, "\(refusal?.message ?? "")")
        #expect(report.chain.count == ChainBuilder.maximumLength)
        #expect(report.findings.contains { $0.code == .chainTooLong && $0.severity == .error })
        #expect(InspectionText(report).render().utf8.count < 32 * 1024, "a long chain is not drawn ever deeper")

        let parts = [0, 100, 50].enumerated().map { part, start in
            directory.write("part\(part).pem", links[start..<(start + 200)].map(\.pem).joined())
        }
        let total = Inspector.testing().inspect(paths: parts)
        let skipped = total.findings.filter { $0.code == .tooManyCertificates }
        #expect(skipped.map(\.file) == [parts[2]], "\(skipped)")
        #expect(skipped.first?.message.contains("100 were read and 100 more skipped") == true)
    }

    @Test func aPKCS7BundleIsBoundedTooAndACABundleSizeIsNot() throws {
        let directory = FixtureDirectory()
        let links = try linkedCertificates(CertificateBudget.perFile + 10)
        directory.write("many.pem", links.map(\.pem).joined())
        let converted = OpenSSLTool.run(["crl2pkcs7", "-nocrl", "-certfile", "many.pem", "-outform", "DER", "-out", "many.p7b"], in: directory.path)
        #expect(converted.status == 0, "\(converted.output)")
        let report = Inspector.testing().inspect(paths: [directory.file("many.p7b")])
        #expect(report.findings.first { $0.code == .tooManyCertificates }?.message.contains("10 more skipped") == true, "\(report.findings.map(\.message))")
        let bundle = directory.write("ca-bundle.pem", links.prefix(150).map(\.pem).joined())
        #expect(!Inspector.testing().inspect(paths: [bundle]).findings.codes.contains(.tooManyCertificates))
    }

    @Test func capKeepsOrderAndLeavesSmallReportsAlone() {
        let few = (0..<3).map { Finding(.expired, .error, file: "f\($0)", message: "m\($0)", hint: "h") }
        #expect(FindingLimit.cap(few) == few)
        let many = (0..<5).map { Finding(.expired, .error, file: "f\($0)", message: "m\($0)", hint: "h") } + [Finding(.selfSigned, .warning, file: nil, message: "s", hint: "h")]
        let capped = FindingLimit.cap(many, perCode: 2)
        #expect(capped.map(\.message) == ["m0", "m1", "… and 3 more expired findings like the ones above, not listed", "s"])
    }
}

/// Keys on curves TLS does not negotiate, and listeners that trickle.
@Suite struct HostilePeerTests {
    @Test func aKeyOnACurveTLSDoesNotNegotiateIsAnError() throws {
        let key = try KeyGenerator.generate(.ec(curve: "secp256k1"))
        let certificate = try CertificateFactory.issue(.server("mail.example.test"), subjectKey: key, issuer: (TestPKI.shared.intermediate.certificate, TestPKI.shared.intermediate.key))
        let directory = FixtureDirectory()
        let keyPath = directory.write("k256.key", TestPKI.pem(key))
        let certificatePath = directory.write("k256.pem", certificate.pem)
        let report = Inspector.testing(trusting: [TestPKI.shared.root.certificate])
            .inspect(paths: [keyPath, certificatePath, directory.write("i.pem", TestPKI.shared.intermediate.certificate.pem)],
                     options: InspectionOptions(hostname: "mail.example.test"))
        let finding = try #require(report.findings.first { $0.code == .unsupportedKey }, "\(report.findings)")
        #expect(finding.severity == .error && finding.message.contains("secp256k1"))
    }

    @Test func aListenerThatTricklesIsGivenUpOnByTheDeadline() throws {
        let server = LoopbackListener()
        let listener = server.descriptor
        defer { close(listener) }
        let port = server.port
        // One byte of "220 ..." every 0.4 s: each read succeeds well within its 1 s timeout.
        Thread.detachNewThread {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            for byte in Array("220-slow greeting that never ends ".utf8) + Array(repeating: UInt8(ascii: "."), count: 100) {
                guard send(client, [byte], 1, Int32(MSG_NOSIGNAL)) == 1 else { break }
                usleep(400_000)
            }
            close(client)
        }
        let started = Date()
        let result = TLSProbe(timeout: 1).probe(host: "127.0.0.1", port: port, mode: .startTLS)
        let elapsed = Date().timeIntervalSince(started)
        guard case .failed(let reason, _, _) = result else { Issue.record("a trickling listener was taken as serving"); return }
        #expect(reason.contains("too slowly"), "\(reason)")
        #expect(elapsed < 6, "gave up after \(elapsed) s")
    }
}
