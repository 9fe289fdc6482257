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

    /// A walk: reached at one size, shown at another, and the goldens of the size shown.
    struct Walk: Sendable, CustomTestStringConvertible {
        let language: Language
        let reached: (width: Int, height: Int)
        let shown: (width: Int, height: Int)
        let review: String
        let result: String
        var testDescription: String { "\(language) \(reached.width)x\(reached.height) to \(shown.width)x\(shown.height)" }
    }

    @Test(arguments: [
        Walk(language: .en, reached: (120, 32), shown: (80, 24), review: "08-review", result: "09-result"),
        Walk(language: .ja, reached: (80, 24), shown: (120, 32), review: "ja-09-review-ja-120x32", result: "ja-10-result-ja-120x32"),
    ])
    func reachedAtOneSizeAndShownAtAnother(walk: Walk) throws {
        var wizard = try WizardHarness(width: walk.reached.width, height: walk.reached.height, language: walk.language)
        defer { wizard.cleanUp() }
        toReview(&wizard)
        wizard.resize(walk.shown.width, walk.shown.height)
        expectGolden(wizard, walk.review)
        wizard.resize(walk.reached.width, walk.reached.height)
        wizard.press(.enter)
        #expect(wizard.model.step == .result)
        wizard.resize(walk.shown.width, walk.shown.height)
        expectGolden(wizard, walk.result)
    }
}
