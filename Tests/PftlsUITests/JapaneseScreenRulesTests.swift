import Foundation
import Testing
import PftlsCore

/// Every Japanese screen of the wizard (the goldens, which GoldenScreenJapaneseTests keep
/// equal to what is drawn) as a Japanese reader sees it.
@Suite struct JapaneseScreenRulesTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static var japaneseScreens: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: goldens.path)) ?? []).filter { $0.hasPrefix("ja-") }.sorted()
    }

    @Test func thereAreJapaneseScreensToRead() {
        #expect(Self.japaneseScreens.count >= 20)
    }

    @Test(arguments: japaneseScreens)
    func screenReadsAsJapanese(_ name: String) throws {
        let text = try String(contentsOf: Self.goldens.appendingPathComponent(name), encoding: .utf8)
        let size = try #require(name.firstMatch(of: /(\d+)x(\d+)\.txt$/))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for problem in JapaneseScreenRules.violations(in: lines, width: Int(size.1)!) {
            Issue.record("\(name): \(problem)")
        }
    }

    @Test func theRulesCatchWhatTheIssueFound() {
        let bad = ["  ! [sasl-not-configured] submission には SASL", "        が必要ですが、", "終了しますか?", "listen: 192.0.2.1", "Postfix の設定", "RSA 2048 bits の鍵"]
        let found = JapaneseScreenRules.violations(in: bad, width: 80)
        #expect(found.contains { $0.contains("starts with が") })
        #expect(found.contains { $0.contains("ASCII ?") })
        #expect(found.contains { $0.contains("\"bits\"") })
        #expect(JapaneseScreenRules.violations(in: ["鍵：mailkey.pem（smtpd_tls_chain_files）", "[ 次へ ]"], width: 80).isEmpty)
    }
}
