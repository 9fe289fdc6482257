import Foundation
import Testing
import PftlsCore
@testable import PftlsUI

/// Ordinary mistakes are reported on the step where they happen, with a way forward.
@Suite struct WizardDeadEndTests {
    /// Another key pair in the incoming folder: `other-key.pem` (encrypted with "other")
    /// and `other-cert.pem`, issued by a CA of its own (`other-ca.pem`).
    private func addOtherPair(_ wizard: WizardHarness) throws {
        let authorityKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        let authority = try CertificateFactory.issue(.authority("Other CA"), subjectKey: authorityKey)
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let certificate = try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: key, issuer: (authority, authorityKey))
        var secret = Array("other".utf8)
        let encrypted = try #require(key.encryptedPEM(passphrase: SecretBytes(wiping: &secret), format: .pkcs8))
        try AtomicFileWriter().write(encrypted, to: wizard.sandbox.incoming + "/other-key.pem", mode: 0o600)
        try AtomicFileWriter().write(Array(certificate.pem.utf8), to: wizard.sandbox.incoming + "/other-cert.pem", mode: 0o644)
        try AtomicFileWriter().write(Array(authority.pem.utf8), to: wizard.sandbox.incoming + "/other-ca.pem", mode: 0o644)
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
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter, .enter, .enter)
        #expect(wizard.model.step == .review)
        let rows = wizard.model.screenLayout.reviewRows
        #expect(wizard.model.review.lines.count > rows * 2, "a review longer than two screens")
        wizard.press(.pageDown)
        #expect(wizard.model.review.offset == rows, "a page is what is shown")
        wizard.press(.up)
        #expect(wizard.model.review.offset == rows - 1, "↑ scrolls up")
        wizard.press(.right)
        #expect(wizard.model.review.choice == .saveToDirectory)
        wizard.press(.left)
        #expect(wizard.model.review.choice == .write, "← moves left")
        wizard.press(.enter)
        #expect(wizard.model.step == .result)
        let result = try #require(wizard.model.result)
        wizard.resize(80, 24)
        if result.wrapped.count > wizard.model.screenLayout.resultRows {
            wizard.press(.down)
            #expect(wizard.model.result?.offset == 1, "the result scrolls")
        }
    }
}
