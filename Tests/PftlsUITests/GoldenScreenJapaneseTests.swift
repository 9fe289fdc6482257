import Foundation
import Testing
import PftlsCore
@testable import PftlsUI

/// Every step in Japanese, at 80x24 and at 120x32: wide characters take two columns,
/// nothing runs off the screen, and codes and parameter names stay as they are.
@Suite(.serialized) struct GoldenScreenJapaneseTests {
    private func expectGolden(_ harness: WizardHarness, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let diff = Golden.mismatch(harness.screen, name) { Issue.record("\(name):\n\(diff)", sourceLocation: sourceLocation) }
        // No row is wider than the terminal (a wide character counts two).
        for row in harness.screen.split(separator: "\n") {
            #expect(ScreenBuffer.columns(of: String(row)) <= harness.model.width, "\(name): \(row)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(80, 24), (120, 32)])
    func theWholeWalkInJapanese(size: (Int, Int)) throws {
        var wizard = try WizardHarness(width: size.0, height: size.1, language: .ja)
        defer { wizard.cleanUp() }
        let suffix = "ja-\(size.0)x\(size.1)"
        expectGolden(wizard, "ja-01-start-\(suffix)")
        #expect(wizard.screen.contains("開始"), "the step bar is Japanese")
        wizard.press(.enter)
        expectGolden(wizard, "ja-02-directory-\(suffix)")
        wizard.press(.enter)
        expectGolden(wizard, "ja-03-files-\(suffix)")
        wizard.press(.enter)
        expectGolden(wizard, "ja-04-passphrase-\(suffix)")
        wizard.type("wrong")
        wizard.press(.enter)
        expectGolden(wizard, "ja-05-passphrase-wrong-\(suffix)")
        wizard.type("demo")
        wizard.press(.enter)
        expectGolden(wizard, "ja-06-levels-\(suffix)")
        wizard.press(.function(1))
        expectGolden(wizard, "ja-07-help-\(suffix)")
        wizard.press(.escape, .enter)
        expectGolden(wizard, "ja-08-services-\(suffix)")
        wizard.press(.enter)
        expectGolden(wizard, "ja-09-review-\(suffix)")
        #expect(wizard.screen.contains("smtpd_tls_chain_files") || wizard.model.reviewLines.joined().contains("smtpd_tls_chain_files"),
                "parameter names stay as they are")
        wizard.press(.enter)
        expectGolden(wizard, "ja-10-result-\(suffix)")
        #expect(wizard.model.result?.succeeded == true)
    }

    @Test func noCertificateYetInJapanese() throws {
        var wizard = try WizardHarness(language: .ja)
        defer { wizard.cleanUp() }
        wizard.press(.left, .enter) // No certificate yet, left of Set up
        expectGolden(wizard, "ja-11-request-ja-80x24")
    }
}
