import Foundation
import Testing
import PftlsCore
@testable import PftlsUI

/// Every step at 80x24, its error states, a narrow and a wide size, and ASCII mode.
@Suite(.serialized) struct GoldenScreenTests {
    private func expectGolden(_ harness: WizardHarness, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let diff = Golden.mismatch(harness.screen, name) { Issue.record("\(name):\n\(diff)", sourceLocation: sourceLocation) }
    }

    @Test func theEnterThroughWalkStepByStep() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        expectGolden(wizard, "01-start")
        wizard.press(.enter)
        expectGolden(wizard, "02-directory")
        wizard.press(.enter)
        expectGolden(wizard, "03-files")
        wizard.press(.enter)
        expectGolden(wizard, "04-passphrase")
        wizard.type("wrong")
        wizard.press(.enter)
        expectGolden(wizard, "05-passphrase-wrong")
        #expect(wizard.model.step == .passphrase)
        wizard.type("demo")
        wizard.press(.enter)
        expectGolden(wizard, "06-levels")
        wizard.press(.enter)
        expectGolden(wizard, "07-services")
        wizard.press(.enter)
        expectGolden(wizard, "08-review")
        #expect(wizard.model.review.choice == .write)
        wizard.press(.enter)
        expectGolden(wizard, "09-result")
        #expect(wizard.model.result?.succeeded == true)
        #expect(FileManager.default.fileExists(atPath: wizard.sandbox.root + "/tls/smtpd-chain.pem"))
        wizard.press(.enter)
        #expect(wizard.model.exitCode == 0)
    }

    @Test func errorStates() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        let unsafe = wizard.unsafeDirectory()
        wizard.press(.control("u"))
        wizard.type(unsafe)
        wizard.press(.function(10))
        expectGolden(wizard, "10-directory-unsafe")
        #expect(wizard.model.step == .directory)
        wizard.press(.control("u"))
        wizard.type(wizard.sandbox.root + "/tls")
        wizard.press(.enter)
        // A damaged certificate file blocks Next, and the screen says which.
        FileManager.default.createFile(atPath: wizard.sandbox.incoming + "/broken.pem", contents: Data("-----BEGIN CERTIFICATE-----\nMIIB\n".utf8))
        wizard.press(.escape, .enter)
        wizard.run([.list(directory: wizard.sandbox.incoming)])
        wizard.press(.tab, .tab, .character("b"), .character("c"))
        wizard.press(.function(10))
        expectGolden(wizard, "11-files-blocked")
        #expect(wizard.model.step == .files)
        #expect(wizard.model.message?.text.contains("Next is refused") == true)
    }

    @Test func levelsWithEncryptOnPort25AndHelp() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter)
        #expect(wizard.model.levels.focus == .smtpd, "Levels opens on the first radio list")
        wizard.press(.right, .character(" ")) // the cursor to encrypt, Space chooses it
        #expect(wizard.model.levels.smtpdLevel == "encrypt")
        expectGolden(wizard, "12-levels-encrypt")
        wizard.press(.function(10))
        #expect(wizard.model.step == .levels, "encrypt on port 25 is refused on the Levels step itself")
        #expect(wizard.model.message?.text.contains("dedicated submission server") == true, "\(wizard.model.message?.text ?? "")")
        wizard.press(.function(1))
        expectGolden(wizard, "13-help-overlay")
        wizard.press(.escape, .character("q"))
        expectGolden(wizard, "14-confirm-quit")
        wizard.press(.character("y"))
        #expect(wizard.model.exitCode == 130, "choices abandoned: the exit status says so")
    }

    @Test func narrowWideAndASCII() throws {
        var narrow = try WizardHarness(width: 70, height: 20)
        defer { narrow.cleanUp() }
        expectGolden(narrow, "15-too-small-70x20")
        narrow.resize(80, 24)
        #expect(narrow.model.fitsScreen)

        var wide = try WizardHarness(width: 120, height: 32)
        defer { wide.cleanUp() }
        wide.press(.enter, .enter)
        expectGolden(wide, "16-files-120x32")

        var ascii = try WizardHarness(glyphs: .ascii)
        defer { ascii.cleanUp() }
        ascii.press(.enter, .enter)
        expectGolden(ascii, "17-files-ascii")
        #expect(!WizardView.render(ascii.model).text.contains("✔"))
    }

    /// Under TERM=vt100 or LANG=C every screen of a walk, its help and its quit box are
    /// ASCII, the catalog's arrows, dashes and quotes too, in English and in Japanese
    /// (whose wide characters keep their two columns each).
    @Test(arguments: [Language.en, .ja]) func everyScreenOfAWalkIsASCIIWithoutUTF8(language: Language) throws {
        var wizard = try WizardHarness(glyphs: .ascii, language: language)
        defer { wizard.cleanUp() }
        var screens = [wizard.screen]
        let keys: [[Key]] = [[.enter], [.enter], [.function(1)], [.escape, .enter], [.character("d"), .character("e"), .character("m"), .character("o"), .enter],
                             [.enter], [.enter], [.character("q")]]
        for step in keys {
            for key in step { wizard.press(key) }
            screens.append(wizard.screen)
        }
        #expect(wizard.model.step == .review, "the walk reached Review")
        for screen in screens {
            #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
            #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(screen)")
        }
        #expect(screens.contains { $0.contains("^v") }, "the footer's arrows have their stand-in")
    }

    @Test func noCertificateYet() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.left, .enter) // No certificate yet, left of Set up
        expectGolden(wizard, "18-request")
    }
}
