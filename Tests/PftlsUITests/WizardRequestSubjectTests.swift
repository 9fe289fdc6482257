import Foundation
import PftlsCore
import Testing
@testable import PftlsUI

/// The CSR screen's organisation fields: what an OV or EV order form asks for, held to
/// the rules of `pftls csr --subject` and written into the CSR.
@Suite struct WizardRequestSubjectTests {
    private func expectGolden(_ harness: WizardHarness, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let diff = Golden.mismatch(harness.screen, name) { Issue.record("\(name):\n\(diff)", sourceLocation: sourceLocation) }
        for row in harness.screen.split(separator: "\n") {
            #expect(ScreenBuffer.columns(of: String(row)) <= harness.model.width, "\(name): \(row)", sourceLocation: sourceLocation)
        }
    }

    /// Start, "No certificate yet" (the sandbox has a set-up, so Renew is offered too).
    private func requestScreen(_ language: Language = .en, width: Int = 80, height: Int = 24) throws -> WizardHarness {
        var wizard = try WizardHarness(width: width, height: height, language: language)
        for _ in 0..<5 where wizard.model.start.choice != .request { wizard.press(.left) }
        wizard.press(.enter)
        #expect(wizard.model.step == .request)
        return wizard
    }

    /// Tab to `focus` and types `text` into it.
    private func fill(_ wizard: inout WizardHarness, _ focus: RequestStep.Focus, _ text: String) {
        while wizard.model.request.focus != focus { wizard.press(.tab) }
        wizard.press(.control("u"))
        wizard.type(text)
    }

    private func fillJapaneseCompany(_ wizard: inout WizardHarness) {
        fill(&wizard, .organization, "株式会社サンプル")
        fill(&wizard, .unit, "情報システム部")
        fill(&wizard, .locality, "千代田区")
        fill(&wizard, .state, "東京都")
        fill(&wizard, .country, "JP")
    }

    @Test(arguments: [Language.en, .ja])
    func theFieldsGoIntoTheCSRAsUTF8(language: Language) throws {
        var wizard = try requestScreen(language)
        defer { wizard.cleanUp() }
        #expect(wizard.model.request.keyType == .rsa2048, "RSA 2048 is the default key type")
        fillJapaneseCompany(&wizard)
        expectGolden(wizard, language == .en ? "19-request-subject" : "ja-12-request-subject-ja-80x24")
        wizard.press(.function(10))
        #expect(wizard.model.step == .result, "\(wizard.model.message?.text ?? "")")
        let request = wizard.sandbox.root + "/" + SampleCertificateSet.hostname + ".csr"
        let subject = OpenSSLRunner.run(["req", "-in", request, "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus"])
        #expect(subject.trimmingCharacters(in: .whitespacesAndNewlines)
                == "subject=C=JP,ST=東京都,L=千代田区,O=株式会社サンプル,OU=情報システム部,CN=\(SampleCertificateSet.hostname)", "\(subject)")
        let verify = OpenSSLRunner.run(["req", "-in", request, "-noout", "-verify", "-text"])
        #expect(verify.contains("verify OK") && verify.contains("Public-Key: (2048 bit)") && verify.contains("rsaEncryption"), "\(verify)")
        #expect(wizard.model.result?.lines.contains { $0.contains("O=株式会社サンプル") } == true, "the result repeats the fields")
    }

    @Test func emptyFieldsLeaveTheSubjectAsBefore() throws {
        var wizard = try requestScreen()
        defer { wizard.cleanUp() }
        wizard.press(.function(10))
        #expect(wizard.model.step == .result, "\(wizard.model.message?.text ?? "")")
        let subject = OpenSSLRunner.run(["req", "-in", wizard.sandbox.root + "/" + SampleCertificateSet.hostname + ".csr", "-noout", "-subject",
                                         "-nameopt", "utf8,sep_comma_plus"])
        #expect(subject.trimmingCharacters(in: .whitespacesAndNewlines) == "subject=CN=\(SampleCertificateSet.hostname)")
    }

    /// The screen holds the fields to the core's rules: the message names the field and the fix.
    @Test func aBadCountryIsRefusedOnTheStepNamingTheField() throws {
        var wizard = try requestScreen()
        defer { wizard.cleanUp() }
        fill(&wizard, .country, "Japan")
        wizard.press(.function(10))
        #expect(wizard.model.step == .request)
        let refused = wizard.model.message?.text ?? ""
        #expect(refused.contains("Country (C)") && refused.contains("\"Japan\" is not a country code") && refused.contains("JP"), "\(refused)")
        #expect(!refused.contains("--"), "no command-line option as advice: \(refused)")
        fill(&wizard, .country, "jp")
        wizard.press(.function(10))
        #expect(wizard.model.step == .request)
        #expect(wizard.model.message?.text.contains("JP, not jp") == true, "\(wizard.model.message?.text ?? "")")
        fill(&wizard, .organization, String(repeating: "株", count: 65))
        fill(&wizard, .country, "JP")
        wizard.press(.function(10))
        #expect(wizard.model.step == .request)
        #expect(wizard.model.message?.text.contains("Organization (O) is 65 characters long") == true, "\(wizard.model.message?.text ?? "")")
        let keys = (try? FileManager.default.contentsOfDirectory(atPath: wizard.sandbox.root))?.filter { $0.hasSuffix(".key") } ?? []
        #expect(keys.isEmpty, "nothing is written: \(keys)")
    }

    /// myhostname `vm` with mydomain example.test: the screen says a certificate needs a
    /// fully qualified name and proposes vm.example.test; with no domain to go on, it asks
    /// for the name, and Next says so without naming a command-line option.
    @Test func anUnqualifiedHostnameIsSaidAndAProposalMade() throws {
        var wizard = try detected(hostname: "vm", domain: "example.test")
        defer { wizard.cleanUp() }
        #expect(wizard.model.request.names.value == "vm.example.test")
        for _ in 0..<5 where wizard.model.start.choice != .request { wizard.press(.left) }
        wizard.press(.enter)
        #expect(wizard.screen.contains("myhostname is \"vm\", which is not a fully qualified name"), "\(wizard.screen)")
        #expect(wizard.screen.contains("Proposed: vm.example.test"), "\(wizard.screen)")
        wizard.press(.function(1))
        let help = helpText(wizard)
        #expect(help.contains("myhostname is \"vm\", which is not a fully qualified name, and a certificate needs one. Proposed: vm.example.test "
                              + "(myhostname.mydomain); change it if clients know this host by another name."), "F1 shows it whole: \(help)")
        #expect(!help.contains("--name"), "\(help)")

        var bare = try detected(hostname: "vm", domain: "localdomain")
        defer { bare.cleanUp() }
        #expect(bare.model.request.names.value.isEmpty, "no proposal without a domain")
        for _ in 0..<5 where bare.model.start.choice != .request { bare.press(.left) }
        bare.press(.enter)
        bare.press(.function(10))
        #expect(bare.model.step == .request)
        let problem = bare.model.message?.text ?? ""
        #expect(problem.contains("\"vm\"") && problem.contains("Type the name clients connect to") && !problem.contains("--"), "\(problem)")
    }

    /// A demo wizard told (as Postfix would tell it) that myhostname and mydomain are these.
    private func detected(hostname: String, domain: String) throws -> WizardHarness {
        var wizard = try WizardHarness()
        let installation = try #require(wizard.model.installation)
        var summary = try #require(wizard.model.summary)
        wizard.model.request = RequestStep()
        summary.hostname = hostname
        summary.domain = domain
        let effects = Catalog.withLanguage(.en) { wizard.model.update(.postfixDetected(installation, summary)) }
        wizard.run(effects)
        return wizard
    }

    /// The F1 box's text, its wrapped lines joined again.
    private func helpText(_ wizard: WizardHarness) -> String {
        guard case .help(_, let lines, _) = wizard.model.overlay else { return "" }
        return lines.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Outside the demo, the key and CSR go where the certificate files in use are; the
    /// demo keeps them in its sandbox.
    @Test func theDirectoryIsTheOneOfTheCertificateInUse() throws {
        let wizard = try requestScreen()
        defer { wizard.cleanUp() }
        #expect(wizard.model.request.directory.value == wizard.sandbox.root, "the demo's own directory")
        let summary = try #require(wizard.model.summary)
        // The sandbox's main.cf is Debian's: the snakeoil key in /etc/ssl/private.
        let main = try String(contentsOfFile: wizard.sandbox.configDirectory + "/main.cf", encoding: .utf8)
        let line = try #require(main.split(separator: "\n").first { $0.hasPrefix("smtpd_tls_key_file") })
        let key = String(line.split(separator: "=", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
        #expect(key.hasSuffix("/ssl/private/ssl-cert-snakeoil.key") && summary.requestDirectory + "/ssl-cert-snakeoil.key" == key,
                "\(summary.requestDirectory) for \(key)")
    }

    @Test func theFilesStepHelpSaysWhatToDoInTheWizardNotAnOption() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        #expect(wizard.model.step == .files)
        #expect(wizard.model.files.inspection?.findings.contains { $0.code == .passphraseRequired } == true, "the demo key is encrypted")
        wizard.press(.function(1))
        let help = helpText(wizard)
        #expect(!help.contains("--passphrase-file"), "\(help)")
        #expect(help.contains("the next step asks for the key's passphrase"), "\(help)")
    }
}
