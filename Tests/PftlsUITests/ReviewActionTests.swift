import Foundation
import Testing
import PftlsCore
@testable import PftlsUI

/// The review's Save actions and the directory step's Tab completion.
@Suite struct ReviewActionTests {
    @Test func saveAnswersWritesJSONWithoutSecretsThatApplyAccepts() throws {
        var wizard = try WizardHarness.atReview()
        defer { wizard.cleanUp() }
        #expect(wizard.model.step == .review)
        wizard.press(.right, .right, .enter)
        guard case .prompt(_, let field, _)? = wizard.model.overlay else { Issue.record("no prompt"); return }
        let path = field.value
        wizard.press(.enter)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("demo\""), "no passphrase in the answers")
        let answers = try AnswersJSON.parse(Array(text.utf8), file: path)
        #expect(answers.privateKey == wizard.sandbox.incoming + "/mailkey.pem")
        #expect(answers.services.count == 3)
        #expect(wizard.model.message?.text.contains("pftls apply --answers") == true)
        #expect(!FileManager.default.fileExists(atPath: wizard.sandbox.root + "/tls"), "saving answers writes no config")
    }

    @Test func saveToDirectoryWritesTheConfigSetAndLeavesTheLiveConfig() throws {
        var wizard = try WizardHarness.atReview()
        defer { wizard.cleanUp() }
        let before = try String(contentsOfFile: wizard.sandbox.configDirectory + "/main.cf", encoding: .utf8)
        wizard.press(.right, .enter)
        guard case .prompt(_, let field, _)? = wizard.model.overlay else { Issue.record("no prompt"); return }
        let directory = field.value
        wizard.press(.enter)
        let saved = try String(contentsOfFile: directory + "/main.cf", encoding: .utf8)
        #expect(saved.contains("smtpd_tls_chain_files = \(wizard.sandbox.root)/tls/smtpd-chain.pem"))
        var info = stat()
        #expect(stat(directory + "/smtpd-chain.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(FileManager.default.fileExists(atPath: directory + "/master.cf"))
        #expect(try String(contentsOfFile: wizard.sandbox.configDirectory + "/main.cf", encoding: .utf8) == before)
    }

    @Test func tabCompletesTheDirectory() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        wizard.press(.control("u"))
        wizard.type(wizard.sandbox.root + "/inc")
        wizard.press(.tab)
        #expect(wizard.model.directory.field.value == wizard.sandbox.root + "/incoming/")
    }
}
