import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The diff a plan shows for an edited main.cf: `patch` turns the file as read into the
/// edited one with it, and it changes no more lines than GNU diff's.
@Suite struct ConfigEditDiffTests {
    private let names = ["smtpd_tls_cert_file", "smtpd_tls_key_file", "smtpd_tls_security_level", "smtp_tls_security_level",
                         "smtpd_tls_chain_files", "myhostname", "mynetworks", "inet_interfaces"]

    private func sample(_ random: inout SplitMix64) -> String {
        var lines: [String] = []
        for _ in 0..<(20 + Int(random.next() % 40)) {
            switch random.next() % 6 {
            case 0: lines.append("# comment \(random.next() % 5)")
            case 1: lines.append("")
            case 2: lines.append("    continued \(random.next() % 3),")
            default: lines.append("\(names[Int(random.next() % UInt64(names.count))]) = value\(random.next() % 4)")
            }
        }
        return lines.joined(separator: random.next() % 5 == 0 ? "\r\n" : "\n") + (random.next() % 4 == 0 ? "" : "\n")
    }

    private static func changedLines(_ diff: String) -> Int {
        diff.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }.count
    }

    @Test(.enabled(if: PostfixConfigTests.UnifiedDiffTests.diffIsInstalled && PostfixConfigTests.UnifiedDiffTests.patchIsInstalled))
    func editsGiveADiffPatchAppliesAsShortAsGnuDiffs() throws {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<60 {
            let text = sample(&random)
            let original = MainConfig(bytes: Array(text.utf8))
            var edited = original
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let name = names[Int(random.next() % UInt64(names.count))]
                switch random.next() % 3 {
                case 0: try edited.set(name, "value\(random.next() % 4)")
                case 1: edited.remove(name)
                default: try edited.set(name, "")
                }
            }
            let diff = edited.diff(from: original, oldLabel: "a/file", newLabel: "b/file")
            let gnu = try PostfixConfigTests.UnifiedDiffTests.gnuDiff(text, edited.render(), context: 3)
            #expect(Self.changedLines(diff) == Self.changedLines(gnu), "round \(round): not minimal\n\(diff)\n--- GNU diff\n\(gnu)")
            try PostfixConfigTests.UnifiedDiffTests.expectPatchApplies(old: text, new: edited.render())
        }
    }

    @Test func aRewrittenSettingIsOneLineOutAndOneIn() throws {
        let original = MainConfig(parsing: "a = 1\nb = 2\n")
        var edited = original
        try edited.set("b", "3")
        #expect(edited.diff(from: original, oldLabel: "a", newLabel: "b") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n")
    }
}
