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
}
