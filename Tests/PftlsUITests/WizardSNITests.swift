import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport
@testable import PftlsUI

@Suite struct WizardSNITests {
    @Test func startNamesBothKeyTypesAndTheMapWithItsFirstNames() throws {
        var wizard = try WizardHarness.servingSeveral(width: 120, height: 32)
        defer { wizard.cleanUp() }
        let summary = try #require(wizard.model.summary)
        #expect(summary.presentedKeys.map(\.type) == [.rsa, .ecdsa])
        let lines = Catalog.withLanguage(.en) { StartStep.presentation(summary, glyphs: .unicode) }
        let until = String(UTCTimestamp.format(try #require(summary.presentedKeys.first?.notAfter)).prefix(10))
        #expect(lines.first?.label == "Keys")
        #expect(lines.first?.text == "RSA 2048 bits (mail.example.test, until \(until)), EC P-256 (mail.example.test, until \(until))", "\(lines)")
        #expect(lines.last?.label == "SNI")
        #expect(lines.last?.text == "hash:\(wizard.sandbox.configDirectory)/sni_map, 4 entries: mail.example.org, .example.net, other.example.com, …",
                "\(lines)")
        let screen = wizard.screen
        #expect(screen.contains("Keys            RSA 2048 bits (mail.example.test, until"), "\(screen)")
        #expect(screen.contains("SNI             hash:/TMP/pftls-ui-XXXXXX/pftls-demo-XXXXXX/conf/sni_map, 4 entries:")
                && screen.contains("mail.example.org, .example.net, other.example.com, …"), "\(screen)")
    }

    @Test func aSingleKeyWithoutMapsAddsNothingToStart() throws {
        let wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let summary = try #require(wizard.model.summary)
        #expect(summary.presentedKeys.map(\.type) == [.ecdsa] && summary.sniMaps.isEmpty && !summary.presentsSeveral)
        #expect(StartStep.presentation(summary, glyphs: .unicode).isEmpty)
    }

    @Test func aSecondKeyOfTheSameTypeStopsNextAndSaysWhy() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.renewWithNewRSA()
        #expect(wizard.model.step == .files && wizard.model.shared.path == .renew)
        wizard.press(.character("a"))
        wizard.pick("other-rsa.key", "k")
        wizard.pick("other-rsa.pem", "c")
        #expect(wizard.screen.contains("2nd key: other-rsa.key   Certificate: other-rsa.pem"), "\(wizard.screen)")
        wizard.press(.function(10))
        #expect(wizard.model.step == .files)
        let message = wizard.model.message?.text ?? ""
        #expect(message.contains("the second key is RSA, like the first: Postfix serves one key of each type"), "\(message)")
        #expect(wizard.model.message?.style == .error)
    }

    @Test func aSecondKeyOfTheOtherTypeIsTheAdditionalKey() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.walkWithBothNewKeys()
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let answers = try #require(wizard.model.shared.answers)
        #expect(answers.privateKey == wizard.incoming("new-rsa.key") && answers.certificate == wizard.incoming("new-rsa.pem"))
        #expect(answers.additionalKey == KeySource(privateKey: wizard.incoming("new-ec.key"), certificate: wizard.incoming("new-ec.pem"),
                                                   intermediates: [wizard.incoming("intermediate.pem")]))
        #expect(answers.sni.isEmpty)
        let plan = try #require(wizard.model.review.plan)
        #expect(!plan.hasErrors, "\(plan.findings)")
    }

    @Test func theFilesStepNamesBothSelections() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.renewWithNewRSA()
        #expect(wizard.screen.contains("Second key (a): none"), "\(wizard.screen)")
        wizard.press(.character("a"))
        wizard.pick("new-ec.key", "k")
        wizard.pick("new-ec.pem", "c")
        #expect(wizard.screen.contains("2nd key: new-ec.key   Certificate: new-ec.pem"), "\(wizard.screen)")
        #expect(wizard.screen.contains("First key (a): new-rsa.key, new-rsa.pem"), "\(wizard.screen)")
        wizard.press(.character("a"))
        #expect(wizard.screen.contains("Key: new-rsa.key   Certificate: new-rsa.pem"), "\(wizard.screen)")
        #expect(wizard.screen.contains("Second key (a): ECDSA, new-ec.key, new-ec.pem"), "\(wizard.screen)")
    }

    @Test func aSecondKeyOfIntermediatesAloneIsNamedNotLeftDangling() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.renewWithNewRSA()
        wizard.press(.character("a"))
        wizard.pick("intermediate.pem", "i")
        wizard.press(.character("a"))
        let line = wizard.screen.split(separator: "\n").first { $0.contains("Second key (a):") }.map(String.init) ?? ""
        #expect(line.contains("intermediate.pem") && !line.trimmingCharacters(in: .whitespaces).hasSuffix(","), "\(wizard.screen)")
    }

    @Test func anSNIEntryChosenFromTheMapTakesTheFilesAndTheDefaultStays() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        #expect(wizard.screen.contains("SNI entry (s): none, the files replace the default certificate"), "\(wizard.screen)")
        wizard.press(.character("s"))
        #expect(wizard.screen.contains("SNI entries") && wizard.screen.contains("(•) none: the default certificate"), "\(wizard.screen)")
        wizard.type("org")
        #expect(wizard.screen.contains("1 of 4"), "\(wizard.screen)")
        wizard.press(.enter)
        #expect(wizard.model.files.sniPicker == nil && wizard.model.files.sniEntry == "mail.example.org")
        #expect(wizard.screen.contains("SNI entry (s): mail.example.org, the files replace its certificate"), "\(wizard.screen)")
        wizard.pick("org-new.key", "k")
        wizard.pick("org-new.pem", "c")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let answers = try #require(wizard.model.shared.answers)
        let inForce = try #require(wizard.model.summary?.renewal)
        #expect(answers.sni == [SNIAnswer(names: ["mail.example.org"], key: KeySource(privateKey: wizard.incoming("org-new.key"),
                                  certificate: wizard.incoming("org-new.pem"), intermediates: [wizard.incoming("intermediate.pem")]))])
        #expect(answers.privateKey == inForce.privateKey && answers.certificate == inForce.certificate, "the default pair stays")
        let plan = try #require(wizard.model.review.plan)
        #expect(!plan.hasErrors, "\(plan.findings)")
    }

    @Test func settingUpWithAnSNIEntryKeepsTheDefaultPairAndTheStepsChoices() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.press(.left, .enter)
        #expect(wizard.model.step == .directory && wizard.model.shared.path == .setUp)
        wizard.press(.enter)
        #expect(wizard.model.step == .files, "\(wizard.model.message?.text ?? "")")
        wizard.press(.character("s"))
        wizard.type(".example.net")
        wizard.press(.enter)
        wizard.pick("org-new.key", "k")
        wizard.pick("org-new.pem", "c")
        wizard.press(.function(10), .enter, .enter)
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let answers = try #require(wizard.model.shared.answers)
        let inForce = try #require(wizard.model.summary?.renewal)
        #expect(answers.sni.map(\.names) == [[".example.net"]] && answers.sni.first?.key.privateKey == wizard.incoming("org-new.key"))
        #expect(answers.privateKey == inForce.privateKey && answers.certificate == inForce.certificate, "the default pair stays")
        #expect(answers.certificateDirectory == wizard.model.shared.draft.certificateDirectory, "the Directory step's choice")
        #expect(answers.services == (try? wizard.model.shared.draft.services?.get()), "the Services step's choice")
        let plan = try #require(wizard.model.review.plan)
        #expect(!plan.hasErrors, "\(plan.findings)")
    }

    @Test func theEntryListNarrowsAMapOfThousandsOfNamesAndEscLeavesTheChoice() throws {
        var wizard = try WizardHarness.servingSeveral(extraEntries: 5_000)
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        wizard.press(.character("s"))
        #expect(wizard.screen.contains("5004 of 5004"), "\(wizard.screen)")
        wizard.type("host-4321.")
        #expect(wizard.screen.contains("1 of 5004") && wizard.screen.contains("host-4321.example.com"), "\(wizard.screen)")
        wizard.press(.escape)
        #expect(wizard.model.files.sniPicker == nil && wizard.model.files.sniEntry == nil, "Esc closes without a choice")
        wizard.press(.character("s"))
        wizard.press(.pageDown, .pageDown, .down, .enter)
        #expect(wizard.model.files.sniEntry == "host-14.example.com", "\(wizard.model.files.sniEntry ?? "none")")
        wizard.press(.character("s"), .function(10))
        #expect(wizard.model.files.sniPicker == nil, "Next closes the list")
    }
}

/// Review on a server that presents several certificates: what each name and key type is
/// served after the change, above the plan.
@Suite struct ReviewServedAfterChangeTests {
    @Test func bothNewKeysAreNamedPerTypeWithTheEntriesLeftAsTheyAre() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.walkWithBothNewKeys()
        let lines = wizard.model.reviewLines.joined(separator: "\n")
        #expect(lines.contains("Served after the change:"), "\(lines)")
        #expect(lines.contains("Default, RSA 2048 bits: mail.example.test, until") && lines.contains("Default, EC P-256: mail.example.test, until"), "\(lines)")
        #expect(!lines.contains("(kept)") && lines.contains("(new)"), "both default pairs are new: \(lines)")
        #expect(lines.contains("smtpd_tls_chain_files:") && lines.contains("/tls-now/smtpd-chain-ecdsa.pem"), "\(lines)")
        #expect(lines.contains("4 other SNI entries stay as they are"), "\(lines)")
    }

    @Test func renewingOneKeyTypeKeepsTheOtherAndReviewSaysSo() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.renewWithNewRSA()
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let lines = wizard.model.reviewLines.joined(separator: "\n")
        #expect(lines.contains(#/Default, RSA 2048 bits: mail\.example\.test, until \S+ \(new\)/#), "\(lines)")
        #expect(lines.contains(#/Default, EC P-256: mail\.example\.test, until \S+ \(kept\)/#), "\(lines)")
    }

    @Test func anSNIEntryIsNamedAndNotComparedWithTheDefaultCertificate() throws {
        var wizard = try WizardHarness.servingSeveral()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .character("s"))
        wizard.type("mail.example.org")
        wizard.press(.enter)
        wizard.pick("org-new.key", "k")
        wizard.pick("org-new.pem", "c")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        let lines = wizard.model.reviewLines.joined(separator: "\n")
        #expect(lines.contains("SNI mail.example.org, EC P-256: mail.example.org, until"), "\(lines)")
        #expect(lines.contains(#/Default, RSA 2048 bits: mail\.example\.test, until \S+ \(kept\)/#), "the default pairs stay: \(lines)")
        #expect(lines.contains("3 other SNI entries stay as they are"), "\(lines)")
        #expect(wizard.model.review.comparison == nil, "an entry is not compared with the default certificate")
    }

    @Test func oneCertificateBeforeAndAfterAddsNothing() throws {
        var wizard = try WizardHarness.atReview()
        defer { wizard.cleanUp() }
        #expect(wizard.model.review.plan != nil && wizard.model.review.served.isEmpty)
    }
}

/// The screens of several certificates in Japanese, at 80x24 and 120x32, as a Japanese
/// reader expects every screen to read (JapaneseScreenRules).
@Suite struct WizardSNIJapaneseTests {
    @Test(arguments: [(80, 24), (120, 32)]) func everyNewScreenReadsAsJapanese(_ width: Int, _ height: Int) throws {
        var wizard = try WizardHarness(width: width, height: height, language: .ja, trusting: [SeveralCertificates.pki.root.certificate]) {
            try SeveralCertificates.make($0, extra: 30)
        }
        defer { wizard.cleanUp() }
        var screens = [wizard.screen]
        wizard.renewWithNewRSA()
        screens.append(wizard.screen)
        wizard.press(.character("a"))
        screens.append(wizard.screen)
        wizard.pick("other-rsa.key", "k")
        wizard.pick("other-rsa.pem", "c")
        wizard.press(.function(10))
        screens.append(wizard.screen)
        wizard.press(.character("x"), .character("a"), .character("s"))
        screens.append(wizard.screen)
        wizard.type("org")
        wizard.press(.enter)
        screens.append(wizard.screen)
        wizard.pick("org-new.key", "k")
        wizard.pick("org-new.pem", "c")
        wizard.press(.function(10))
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        screens.append(wizard.screen)
        #expect(wizard.model.reviewLines.contains { $0.contains("変更後に提示する証明書：") }, "\(wizard.model.reviewLines)")
        for (index, screen) in screens.enumerated() {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for problem in JapaneseScreenRules.violations(in: lines, width: width) { Issue.record("screen \(index): \(problem)\n\(screen)") }
        }
    }
}
