import Foundation
import PftlsCore
@testable import PftlsUI

/// Where the wizard tests start, reached the way a user reaches it.
extension WizardHarness {
    /// A harness whose wizard went from Start to Review with every default and "demo" for the passphrase.
    static func atReview() throws -> WizardHarness {
        var wizard = try WizardHarness()
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter, .enter, .enter)
        return wizard
    }

    /// A harness on the Files step whose suggested intermediate was dropped: the chain stops at the leaf.
    static func atFilesWithoutIntermediate() throws -> WizardHarness {
        var wizard = try WizardHarness()
        wizard.press(.enter, .enter)
        wizard.model.files.assignment.intermediates = []
        wizard.run(wizard.model.inspectAssignment())
        return wizard
    }

    /// A world-writable directory without the sticky bit, in the harness's own folder: one the wizard refuses.
    func unsafeDirectory() -> String {
        let unsafe = base + "/open"
        mkdir(unsafe, 0o777)
        chmod(unsafe, 0o777)
        return unsafe
    }
}
