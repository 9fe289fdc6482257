import Testing
@testable import PftlsCore

/// The diff a plan shows is computed from the edits. It must be a true diff (the lines it
/// keeps are the same in both files, in order) and as short as the diff a comparison finds
/// (which the GNU diff tests check); where duplicates allow two alignments it may pick the
/// lines the edit really touched.
@Suite struct StructuralDiffTests {
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

    @Test func editsGiveTheDiffAComparisonGives() throws {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<300 {
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
            let changes = try #require(edited.text.lineChanges(from: original.text))
            let kept = (0..<original.text.lineCount).filter { !changes.deleted[$0] }.map(original.text.renderedLine)
            let keptNew = (0..<changes.inserted.count).filter { !changes.inserted[$0] }.map(edited.text.renderedLine)
            #expect(kept == keptNew, "round \(round): the unchanged lines differ\n\(text)")
            let structural = edited.diff(from: original, oldLabel: "a", newLabel: "b")
            let compared = UnifiedDiff.make(old: original.renderBytes(), new: edited.renderBytes(), oldLabel: "a", newLabel: "b")
            let changed = { (diff: String) in diff.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }.count }
            #expect(changed(structural) == changed(compared), "round \(round): not minimal\n\(structural)\n--- compared\n\(compared)")
            if kept != keptNew || changed(structural) != changed(compared) { break }
        }
    }

    @Test func aParseOfOtherBytesFallsBackToComparing() throws {
        let original = MainConfig(parsing: "a = 1\nb = 2\n")
        var edited = MainConfig(parsing: "a = 1\nb = 2\n")
        try edited.set("b", "3")
        #expect(edited.diff(from: original, oldLabel: "a", newLabel: "b") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n")
    }
}
