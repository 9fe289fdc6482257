import Testing
import PftlsCore
@testable import PftlsUI

/// Review and Result wrap their text when drawn: after a resize, each shows its text as
/// a wizard started at the new size does (the goldens of that size), not wrapped for the
/// old size and cut.
@Suite(.serialized) struct WizardResizeTests {
    private func expectGolden(_ harness: WizardHarness, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let diff = Golden.mismatch(harness.screen, name) { Issue.record("\(name):\n\(diff)", sourceLocation: sourceLocation) }
    }

    /// From Start to Review, the demo's own files picked.
    private func toReview(_ wizard: inout WizardHarness) {
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter, .enter, .enter)
        #expect(wizard.model.step == .review)
    }

    @Test func reachedWideAndShownAt80x24() throws {
        var wizard = try WizardHarness(width: 120, height: 32)
        defer { wizard.cleanUp() }
        toReview(&wizard)
        wizard.resize(80, 24)
        expectGolden(wizard, "08-review")
        wizard.resize(120, 32)
        wizard.press(.enter)
        #expect(wizard.model.step == .result)
        wizard.resize(80, 24)
        expectGolden(wizard, "09-result")
    }

    @Test func reachedAt80x24AndShownWideInJapanese() throws {
        var wizard = try WizardHarness(language: .ja)
        defer { wizard.cleanUp() }
        toReview(&wizard)
        wizard.resize(120, 32)
        expectGolden(wizard, "ja-09-review-ja-120x32")
        wizard.resize(80, 24)
        wizard.press(.enter)
        #expect(wizard.model.step == .result)
        wizard.resize(120, 32)
        expectGolden(wizard, "ja-10-result-ja-120x32")
    }
}
