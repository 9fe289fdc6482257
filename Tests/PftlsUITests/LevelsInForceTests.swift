import Foundation
import Testing
import PftlsCore
@testable import PftlsUI

/// The Levels step starts from the levels in force and asks before lowering the client level.
@Suite struct LevelsInForceTests {
    /// The demo wizard as if Postfix reported `smtp_tls_security_level = inForce`, at the Levels step.
    private func atLevels(smtpInForce inForce: String) throws -> WizardHarness {
        var wizard = try WizardHarness()
        var summary = try #require(wizard.model.summary)
        summary.smtpLevelInForce = inForce
        wizard.run(wizard.model.update(.postfixDetected(try #require(wizard.model.installation), summary)))
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter)
        #expect(wizard.model.step == .levels)
        return wizard
    }

    @Test func theLevelInForceIsTheDefault() throws {
        var wizard = try atLevels(smtpInForce: "dane")
        defer { wizard.cleanUp() }
        #expect(wizard.model.levels.smtpLevel == "dane")
        wizard.press(.enter)
        #expect(wizard.model.step == .services, "keeping the level in force needs no question")
    }

    @Test func loweringItIsRefusedUntilConfirmed() throws {
        var wizard = try atLevels(smtpInForce: "dane")
        defer { wizard.cleanUp() }
        wizard.model.levels.smtp.select(Answers.smtpLevels.firstIndex(of: "may")!)
        #expect(wizard.screen.contains("Lowers the level in force (dane)"))
        wizard.press(.enter)
        #expect(wizard.model.step == .levels)
        #expect(wizard.model.message?.text.contains("lowered from dane to may") == true, "\(String(describing: wizard.model.message))")
        wizard.model.levels.focus = .lowering
        wizard.press(.character(" "))
        #expect(wizard.model.levels.confirmLowering)
        wizard.model.levels.focus = .next
        wizard.press(.enter)
        #expect(wizard.model.step == .services)
    }

    @Test func raisingItAsksNothing() throws {
        var wizard = try atLevels(smtpInForce: "may")
        defer { wizard.cleanUp() }
        wizard.model.levels.smtp.select(Answers.smtpLevels.firstIndex(of: "dane")!)
        #expect(!wizard.screen.contains("Lowers the level in force"))
        wizard.press(.enter)
        #expect(wizard.model.step == .services)
    }
}
