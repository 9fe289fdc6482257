import Foundation
import Testing
import PftlsCore
@testable import PftlsUI
import PftlsTestSupport

/// Ordinary mistakes are reported on the step where they happen, with a way forward.
@Suite struct WizardDeadEndTests {
    /// Another key pair in the incoming folder: `other-key.pem` (encrypted with "other")
    /// and `other-cert.pem`, issued by a CA of its own (the test PKI's intermediate, `other-ca.pem`).
    private func addOtherPair(_ wizard: WizardHarness) throws {
        let pki = try TestPKI()
        try AtomicFileWriter().write(TestPKI.encryptedPEM(pki.leaf.key, passphrase: "other"), to: wizard.sandbox.incoming + "/other-key.pem", mode: 0o600)
        try AtomicFileWriter().write(Array(pki.leaf.certificate.pem.utf8), to: wizard.sandbox.incoming + "/other-cert.pem", mode: 0o644)
        try AtomicFileWriter().write(Array(pki.intermediate.certificate.pem.utf8), to: wizard.sandbox.incoming + "/other-ca.pem", mode: 0o644)
    }

    /// Moves the file list's cursor to `name` with ↓ from the top, then presses `key`.
    private func pick(_ name: String, _ key: Character, in wizard: inout WizardHarness) {
        wizard.model.files.focus = .files
        wizard.press(.home)
        let names = wizard.model.files.listing?.files ?? []
        for _ in 0..<(names.firstIndex(of: name) ?? 0) { wizard.press(.down) }
        #expect(wizard.model.files.selectedFile?.hasSuffix("/" + name) == true, "cursor on \(name)")
        wizard.press(.character(key))
    }

    @Test func aKeyThatDoesNotMatchIsToldOnThePassphraseStepWithAWayBack() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        try addOtherPair(wizard)
        wizard.press(.enter, .enter)
        wizard.run([.list(directory: wizard.sandbox.incoming)])
        #expect(wizard.model.step == .files)
        pick("mailkey.pem", "k", in: &wizard)
        pick("other-cert.pem", "c", in: &wizard)
        pick("cacert.pem", "i", in: &wizard)
        pick("other-ca.pem", "i", in: &wizard)
        #expect(wizard.model.files.assignment.intermediates.map { ($0 as NSString).lastPathComponent } == ["other-ca.pem"])
        wizard.press(.function(10))
        #expect(wizard.model.step == .passphrase, "\(wizard.model.message?.text ?? "")")
        wizard.type("demo")
        wizard.press(.enter)
        #expect(wizard.model.step == .passphrase, "the mismatch stops here, where it shows")
        let told = wizard.model.passphrase.message ?? ""
        #expect(told.contains("key-cert-mismatch") && told.contains("Esc"), "\(told)")
        #expect(wizard.screen.contains("key-cert-mismatch"))
        wizard.press(.function(10))
        #expect(wizard.model.step == .passphrase, "Next stays refused")

        wizard.press(.escape)
        #expect(wizard.model.step == .files, "the way back")
        pick("other-key.pem", "k", in: &wizard)
        #expect(wizard.model.files.inspection?.findings.codes.contains(.wrongPassphrase) != true,
                "the passphrase of the other key is not tried on this one")
        wizard.press(.function(10))
        #expect(wizard.model.step == .passphrase, "a newly picked encrypted key gets its own prompt")
        #expect(wizard.model.passphrase.length == 0)
        wizard.type("other")
        wizard.press(.enter)
        #expect(wizard.model.step == .levels, "\(wizard.model.passphrase.message ?? "")")
    }

    @Test func reviewAndResultKeysMoveTheWayTheyPointAndPageByWhatIsShown() throws {
        var wizard = try WizardHarness.atReview()
        defer { wizard.cleanUp() }
        #expect(wizard.model.step == .review)
        let rows = ReviewStep.textRows(in: wizard.model.screenLayout.content)
        #expect(wizard.model.reviewLines.count > rows * 2, "a review longer than two screens")
        wizard.press(.pageDown)
        #expect(wizard.model.review.scroll.offset == rows, "a page is what is shown")
        wizard.press(.up)
        #expect(wizard.model.review.scroll.offset == rows - 1, "↑ scrolls up")
        wizard.press(.right)
        #expect(wizard.model.review.choice == .saveToDirectory)
        wizard.press(.left)
        #expect(wizard.model.review.choice == .write, "← moves left")
        wizard.press(.enter)
        #expect(wizard.model.step == .result)
        let result = try #require(wizard.model.result)
        wizard.resize(80, 24)
        let area = wizard.model.screenLayout.content
        if ResultStep.lines(result, width: ResultStep.textWidth(in: area)).count > ResultStep.textRows(in: area) {
            wizard.press(.down)
            #expect(wizard.model.resultScreen.scroll.offset == 1, "the result scrolls")
        }
    }
}

/// Renewal through the wizard with only a new certificate.
@Suite struct WizardRenewalTests {
    /// The demo sandbox's key in force (its snakeoil pair).
    private func keyInForce(_ wizard: WizardHarness) throws -> PrivateKey {
        let file = Inspector().load(wizard.sandbox.root + "/ssl/private/ssl-cert-snakeoil.key", passphrases: nil)
        let key = file.items.compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first
        return try #require(key)
    }

    private func renewWith(_ certificate: Certificate, _ wizard: inout WizardHarness) throws {
        try AtomicFileWriter().write(Array(certificate.pem.utf8), to: wizard.sandbox.incoming + "/renewed.pem", mode: 0o644)
        #expect(wizard.model.shared.canRenew, "the sandbox has a set-up in force")
        wizard.press(.right, .enter)
        #expect((wizard.model.shared.path == .renew) && wizard.model.step == .files)
        wizard.run([.list(directory: wizard.sandbox.incoming)])
        wizard.press(.character("x"))
        wizard.model.files.focus = .files
        wizard.press(.home)
        let names = wizard.model.files.listing?.files ?? []
        for _ in 0..<(names.firstIndex(of: "renewed.pem") ?? 0) { wizard.press(.down) }
        wizard.press(.character("c"))
    }

    /// Renews to a new certificate for a new key: both picked in the browser (c, then k).
    @discardableResult
    private func renewWithNewKey(_ wizard: inout WizardHarness) throws -> Certificate {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: key)
        try AtomicFileWriter().write(try #require(key.unencryptedPEM()), to: wizard.sandbox.incoming + "/renewed-key.pem", mode: 0o600)
        try renewWith(renewed, &wizard)
        wizard.press(.home)
        let names = wizard.model.files.listing?.files ?? []
        for _ in 0..<(names.firstIndex(of: "renewed-key.pem") ?? 0) { wizard.press(.down) }
        wizard.press(.character("k"))
        return renewed
    }

    /// Turns the sandbox's set-up into the chain-file layout: key and old certificate in one file.
    private func useChainFile(_ wizard: inout WizardHarness) throws {
        let ssl = wizard.sandbox.root + "/ssl"
        let chain = ssl + "/private/smtpd-chain.pem"
        let bytes = try String(contentsOfFile: ssl + "/private/ssl-cert-snakeoil.key", encoding: .utf8)
            + String(contentsOfFile: ssl + "/certs/ssl-cert-snakeoil.pem", encoding: .utf8)
        try AtomicFileWriter().write(Array(bytes.utf8), to: chain, mode: 0o600)
        let mainPath = wizard.sandbox.configDirectory + "/main.cf"
        let main = try String(contentsOfFile: mainPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("smtpd_tls_key_file") }
            .map { $0.hasPrefix("smtpd_tls_cert_file") ? "smtpd_tls_chain_files = " + chain : String($0) }
        try AtomicFileWriter().write(Array(main.joined(separator: "\n").utf8), to: mainPath, mode: 0o644)
        wizard.run([.detectPostfix(configDirectory: wizard.sandbox.configDirectory)])
        #expect(wizard.model.summary?.renewal?.layout == .chainFile)
    }

    @Test(arguments: [false, true])
    func onlyANewCertificateForTheKeyInUseIsInstalled(chainFile: Bool) throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        if chainFile { try useChainFile(&wizard) }
        let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: try keyInForce(wizard))
        try renewWith(renewed, &wizard)
        #expect(wizard.model.files.blockingErrors.isEmpty, "\(wizard.model.files.blockingErrors.map(\.message))")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let plan = try #require(wizard.model.review.plan)
        #expect(!plan.isNoOp, "not \"Nothing to change\"")
        #expect(plan.leaf?.isSame(as: renewed) == true, "the new certificate is the one installed")
        #expect(!plan.findings.codes.contains(.unrelatedCertificate), "\(plan.findings.map(\.message))")
    }

    /// The issue's walk: the wizard is started in a folder holding only the new certificate
    /// for the key in use. That folder is classified (and its files inspected) on the Start
    /// screen, before Renew is chosen.
    @Test func fromStartRenewPickingOnlyTheNewCertificateReachesReviewWithTheKeyKept() throws {
        var made: Certificate?
        var wizard = try WizardHarness { layout in
            let folder = layout.root + "/renewed"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let key = try #require(Inspector().load(layout.root + "/ssl/private/ssl-cert-snakeoil.key", passphrases: nil).items
                .compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first)
            let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname, days: 400), subjectKey: key)
            made = renewed
            try AtomicFileWriter().write(Array(renewed.pem.utf8), to: folder + "/renewed.pem", mode: 0o644)
            return folder
        }
        defer { wizard.cleanUp() }
        let renewed = try #require(made)
        #expect(wizard.model.files.assignment.certificate?.hasSuffix("/renewed/renewed.pem") == true, "the folder's certificate is proposed")
        wizard.press(.right, .enter)
        #expect((wizard.model.shared.path == .renew) && wizard.model.step == .files)
        let screen = wizard.screen
        #expect(!screen.contains("no-private-key"), "\(screen)")
        #expect(screen.contains("in use"), "the key kept is named: \(screen)")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let plan = try #require(wizard.model.review.plan)
        #expect(plan.leaf?.isSame(as: renewed) == true)
        #expect(!plan.hasErrors, "\(plan.findings.map(\.code))")
        // Old and new side by side at the top: names, end of validity, serial, the key kept.
        let lines = wizard.model.reviewLines
        let current = try #require(wizard.model.summary?.currentLeaf)
        let table = lines.prefix(8).joined(separator: "\n")
        #expect(lines.first?.contains("In use") == true && lines.first?.contains("New") == true, "\(table)")
        #expect(table.contains(UTCTimestamp.format(current.notAfter)) && table.contains(UTCTimestamp.format(renewed.notAfter)), "\(table)")
        let serials = lines.prefix(8).joined().replacingOccurrences(of: " ", with: "")
        #expect(serials.contains(current.serialNumberText) && serials.contains(renewed.serialNumberText), "\(table)")
        #expect(table.contains("kept: the key in use"), "\(table)")
        #expect(!plan.findings.codes.contains(.expiresSooner), "it ends later than the one in use")
        #expect(wizard.screen.contains("kept: the key in use"), "shown on the first screen of the review")
    }

    @Test func aNewKeyAndCertificateInOneFileAreTakenTogether() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname, days: 400), subjectKey: key)
        let bundle = try #require(key.unencryptedPEM()).withUnsafeBytes { Array($0) } + Array(renewed.pem.utf8)
        try AtomicFileWriter().write(bundle, to: wizard.sandbox.incoming + "/bundle.pem", mode: 0o600)
        wizard.press(.right, .enter)
        wizard.run([.list(directory: wizard.sandbox.incoming)])
        wizard.press(.character("x"))
        wizard.model.files.focus = .files
        wizard.press(.home)
        for _ in 0..<((wizard.model.files.listing?.files ?? []).firstIndex(of: "bundle.pem") ?? 0) { wizard.press(.down) }
        wizard.press(.character("c"))
        #expect(!wizard.model.files.keepsKeyInUse(wizard.model.shared), "the bundle's own key is the new key")
        #expect(wizard.model.files.blockingErrors.isEmpty, "\(wizard.model.files.blockingErrors.map(\.code))")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        #expect(wizard.model.reviewLines.prefix(8).joined().contains("changed: the new key bundle.pem"), "\(wizard.model.reviewLines.prefix(8))")
    }

    @Test func aNewCertificateEndingBeforeTheOneInUseIsWarnedAbout() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname, days: 20), subjectKey: try keyInForce(wizard))
        try renewWith(renewed, &wizard)
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let plan = try #require(wizard.model.review.plan)
        let finding = try #require(plan.findings.first { $0.code == .expiresSooner })
        #expect(finding.severity == .warning && !plan.hasErrors)
        #expect(wizard.model.reviewLines.joined(separator: " ").contains("[expires-sooner]"))
        wizard.press(.enter)
        #expect(wizard.model.result?.lines.joined(separator: " ").contains("[expires-sooner]") == true, "the Result says it again")
    }

    @Test func aNewKeyShowsTheTLSARecordToPublishFirstAndFilesMarkTheCertificateInUse() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let renewed = try renewWithNewKey(&wizard)
        #expect(wizard.screen.contains(" to 20"), "each certificate shows its expiry: \(wizard.screen)")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let review = wizard.model.reviewLines.joined(separator: "\n")
        let unwrapped = review.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
        #expect(review.contains("tlsa-rollover") && unwrapped.contains("311" + Hex.lowercase(renewed.subjectPublicKeyInfoSHA256)), "\(review.prefix(600))")
        #expect(review.contains("next to the current record first"))
        // A finding like the others: in the plan, so listed under its count.
        let plan = try #require(wizard.model.review.plan)
        #expect(plan.findings.codes.contains(.tlsaRollover), "\(plan.findings.codes)")
        #expect(review.contains("Findings: \(FindingsText.counts(plan.findings))"), "\(review.prefix(600))")
    }

    @Test func theCertificateInUseIsMarkedInTheBrowser() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.right, .enter)
        wizard.run([.list(directory: wizard.sandbox.root + "/ssl/certs")])
        #expect(wizard.screen.contains("ssl-cert-snakeoil.pem") && wizard.screen.contains("in use, to 20"), "\(wizard.screen)")
    }

    @Test func aNewCertificateForAnotherKeyAsksForTheNewKey() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let other = try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: try KeyGenerator.generate(.ec(curve: "P-256")))
        try renewWith(other, &wizard)
        wizard.press(.function(10))
        #expect(wizard.model.step == .files)
        #expect(wizard.model.message?.text.contains("press k on the new key") == true, "\(wizard.model.message?.text ?? "")")
    }

    @Test func aPublishedTLSARecordForTheOldKeyStopsTheReviewAndTheMXNamesAreProposed() throws {
        var table = TableResolver()
        table.mailHost("example.test", SampleCertificateSet.hostname, address: [127, 0, 0, 1])
        table.mailHost("other.test", "mx.other.test", address: [127, 0, 0, 1])
        let probe = try WizardHarness()
        let current = try #require(probe.model.summary?.currentLeaf)
        probe.cleanUp()
        table.tlsa(SampleCertificateSet.hostname, .endEntity(current), ttl: 600)
        let dns = MailDNSCheck(resolver: table, localAddresses: ["127.0.0.1"])
        var wizard = try WizardHarness(dns: dns)
        defer { wizard.cleanUp() }
        #expect(wizard.model.summary?.mxNames == [SampleCertificateSet.hostname], "\(wizard.model.summary?.mxNames ?? [])")
        try renewWithNewKey(&wizard)
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let plan = try #require(wizard.model.review.plan)
        #expect(plan.hasErrors && plan.findings.codes.contains(.tlsaNotPublished), "\(plan.findings.map(\.code))")
        let review = wizard.model.reviewLines.joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(review.contains("tlsa-not-published") && review.contains("_25._tcp.mail.example.test"), "\(review.prefix(800))")
    }
}

/// A forgotten intermediate in the same folder is named in the hint.
@Suite struct WizardForgottenIntermediateTests {
    @Test func theHintNamesTheFileThatHoldsTheMissingIssuer() throws {
        var wizard = try WizardHarness.atFilesWithoutIntermediate()
        defer { wizard.cleanUp() }
        #expect(wizard.model.step == .files)
        let finding = try #require(wizard.model.files.inspection?.findings.first { $0.code == .intermediateMissing })
        #expect(finding.hint.contains("cacert.pem") && finding.hint.contains("with i"), "\(finding.hint)")
    }
}

/// The Directory step gives advice that is safe to follow.
@Suite struct WizardDirectoryAdviceTests {
    @Test func aSharedSystemDirectoryIsToldToChooseAnotherNeverToChmodIt() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        wizard.press(.control("u"))
        wizard.type("/tmp")
        let error = try #require(wizard.model.directory.findings.first { $0.severity == .error }, "/tmp is refused")
        #expect(!error.hint.contains("chmod"), "\(error.hint)")
        #expect(error.hint.contains("choose another one"), "\(error.hint)")
        wizard.press(.function(10))
        #expect(wizard.model.step == .directory)
        #expect(wizard.model.message?.text.contains("chmod") == false)
    }
}

/// "I have no certificate yet": a key and a CSR, then what to do with them.
@Suite struct WizardRequestTests {
    @Test func noCertificateYetMakesAKeyAndACSRForTheNamesGiven() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        // No certificate yet, Set up (the focus: the sandbox's set-up is a self-signed placeholder), Renew.
        wizard.press(.left)
        #expect(wizard.model.start.choice == .request)
        wizard.press(.enter)
        #expect(wizard.model.step == .request && wizard.model.shownSteps == [.start, .request])
        #expect(wizard.model.request.names.value == SampleCertificateSet.hostname, "myhostname is proposed")
        wizard.press(.end)
        wizard.type(" smtp.example.test")
        #expect(wizard.model.request.keyType == .rsa2048, "RSA 2048 is the default")
        wizard.press(.function(10)) // Next on this step creates the key and the CSR
        #expect(wizard.model.step == .result, "\(wizard.model.message?.text ?? "")")
        let lines = wizard.model.result?.lines ?? []
        #expect(lines.first == "-----BEGIN CERTIFICATE REQUEST-----")
        #expect(lines.contains { $0.contains("pftls renew --key") }, "what comes next")
        let keyPath = wizard.sandbox.root + "/" + SampleCertificateSet.hostname + ".key"
        var info = stat()
        #expect(lstat(keyPath, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let verify = OpenSSLRunner.run(["req", "-in", wizard.sandbox.root + "/" + SampleCertificateSet.hostname + ".csr", "-verify", "-noout", "-text"])
        #expect(verify.contains("DNS:smtp.example.test") && verify.contains("2048 bit"), "\(verify)")
    }

    @Test func aBadNameIsRefusedOnTheStepWithTheReason() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.left, .enter)
        wizard.press(.control("u"))
        wizard.type("not_a_name")
        wizard.press(.function(10))
        #expect(wizard.model.step == .request)
        #expect(wizard.model.message?.text.contains("not_a_name") == true)
    }
}

/// Runs the openssl command for a check, returning everything it printed.
enum OpenSSLRunner {
    static func run(_ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A leaf without its intermediate asks one question: is it a private CA's?
@Suite struct WizardPrivateCATests {
    @Test func pressingPForAPrivateCAKeepsTheWarningAndTheAnswer() throws {
        var wizard = try WizardHarness.atFilesWithoutIntermediate()
        defer { wizard.cleanUp() }
        #expect(wizard.model.step == .files)
        #expect(wizard.model.files.inspection?.findings.contains { $0.code == .intermediateMissing } == true)
        #expect(wizard.screen.contains("private CA") && wizard.screen.contains("Press p to say so"), "\(wizard.screen)")
        wizard.model.files.focus = .files
        wizard.press(.character("p"))
        let findings = wizard.model.files.inspection?.findings ?? []
        #expect(findings.contains { $0.code == .incompleteChain } && !findings.contains { $0.code == .intermediateMissing }, "\(findings.map(\.code))")
        #expect(wizard.screen.contains("Private CA:"), "\(wizard.screen)")
        #expect(wizard.model.files.assignment.privateCA)
    }
}
