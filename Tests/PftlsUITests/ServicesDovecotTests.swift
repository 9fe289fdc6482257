import Foundation
import Testing
@testable import PftlsCore
@testable import PftlsUI

/// The Services step and Dovecot: when the plan preview covers a Dovecot, a check box lists
/// its TLS listeners; unticking it asks for a plan that leaves Dovecot alone.
@Suite struct ServicesDovecotTests {
    /// A Dovecot 2.3 with imap and imaps on loopback.
    let dovecot = DovecotInstallation(
        configFile: "/etc/dovecot/dovecot.conf",
        settings: DovecotTLSSettings(doveconf: "# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\nssl_cert = </etc/dovecot/private/dovecot.pem\n")!,
        listeners: [DovecotListener(name: "imap", host: "127.0.0.1", port: 143, mode: .imapStartTLS),
                    DovecotListener(name: "imaps", host: "127.0.0.1", port: 993, mode: .imapImplicit)])

    @Test func anInstalledDovecotTheChangeDoesNotCoverIsOfferedUnticked() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.walkToServices()
        var plan = try #require(wizard.model.services.preview)
        plan.dovecotFound = dovecot
        wizard.run(wizard.model.update(.planned(plan)))
        #expect(!wizard.model.services.dovecotIncluded)
        #expect(wizard.screen.contains("\(Glyphs.unicode.checkOff) Dovecot 2.3.19 too"), "\(wizard.screen)")
        wizard.press(.up, .character(" "))
        #expect(wizard.model.services.preview?.answers.dovecot == .config("/etc/dovecot/dovecot.conf"), "ticked: asked for")
    }

    @Test func aCoveredDovecotGetsACheckBoxThatCanBeUnticked() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.walkToServices()
        #expect(wizard.model.step == .services)
        #expect(!wizard.screen.contains("Dovecot 2.3.19"), "no box before a plan covers Dovecot")
        var plan = try #require(wizard.model.services.preview)
        plan.dovecot = dovecot
        plan.dovecotFound = dovecot
        wizard.run(wizard.model.update(.planned(plan)))
        #expect(wizard.screen.contains("Dovecot 2.3.19 too: imap 143, imaps 993"), "\(wizard.screen)")
        #expect(wizard.model.services.nextFocused, "Next keeps the focus")
        wizard.press(.up)
        #expect(wizard.model.services.dovecotFocused)
        wizard.press(.character(" "))
        #expect(!wizard.model.services.dovecotIncluded)
        #expect(wizard.model.services.preview?.answers.dovecot == .no, "the new preview leaves Dovecot alone")
        #expect(wizard.model.services.preview?.dovecot == nil)
        #expect(wizard.screen.contains("Dovecot 2.3.19 too"), "the box stays, unticked, to be ticked again")
        wizard.press(.character(" "))
        #expect(wizard.model.services.preview?.answers.dovecot == .config("/etc/dovecot/dovecot.conf"))
    }
}
