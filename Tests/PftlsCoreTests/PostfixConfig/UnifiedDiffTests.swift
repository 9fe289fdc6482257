import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PostfixConfigTests {
    /// Unified diffs, checked against GNU `diff -u` and `patch`.
    @Suite struct UnifiedDiffTests {
        static let diffIsInstalled = SystemProcessRunner().locate("diff") != nil
        static let patchIsInstalled = SystemProcessRunner().locate("patch") != nil

        static func numbered(_ range: ClosedRange<Int>) -> String {
            range.map { "line \($0)\n" }.joined()
        }

        /// Pairs of texts whose shortest diff is unambiguous, so output must match GNU diff exactly.
        static let cases: [(String, String, String)] = [
            ("one change in the middle", numbered(1...20), numbered(1...20).replacingOccurrences(of: "line 10\n", with: "line ten\n")),
            ("insert at start", numbered(1...8), "new\n" + numbered(1...8)),
            ("delete at end", numbered(1...8), numbered(1...6)),
            ("old without final newline", "a\nb\nc", "a\nb\nc\n"),
            ("new without final newline", "a\nb\nc\n", "a\nB\nc"),
            ("both without final newline", "a\nb\nc\nd\ne", "a\nB\nc\nd\ne"),
            ("crlf to lf", "a\r\nb\r\nc\r\n", "a\r\nb\nc\r\n"),
            ("two far hunks", numbered(1...30), numbered(1...30).replacingOccurrences(of: "line 3\n", with: "x\n").replacingOccurrences(of: "line 27\n", with: "y\n")),
            ("gap of six merges", numbered(1...20), numbered(1...20).replacingOccurrences(of: "line 5\n", with: "x\n").replacingOccurrences(of: "line 12\n", with: "y\n")),
            ("gap of seven splits", numbered(1...20), numbered(1...20).replacingOccurrences(of: "line 5\n", with: "x\n").replacingOccurrences(of: "line 13\n", with: "y\n")),
            ("empty old", "", "a\nb\n"),
            ("empty new", "a\nb\n", ""),
            ("empty to one blank line", "", "\n"),
            ("one blank line to empty", "\n", ""),
            ("last line loses its newline only", numbered(1...5), String(numbered(1...5).dropLast())),
            ("main.cf edit", PostfixCorpus.debianMainCf, PostfixCorpus.debianMainCf.replacingOccurrences(of: "smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem\nsmtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key\n", with: "smtpd_tls_chain_files = /etc/postfix/tls/chain.pem\n") + "tls_server_sni_maps =\n"),
        ]

        static func gnuDiff(_ old: String, _ new: String, context: Int) throws -> String {
            let directory = FixtureDirectory()
            let oldPath = directory.write("old", old)
            let newPath = directory.write("new", new)
            let result = try #require(try SystemProcessRunner().run("diff", ["-U\(context)", "--label", "a/file", "--label", "b/file", oldPath, newPath]))
            return String(decoding: result.standardOutput, as: UTF8.self)
        }

        @Test func identicalTextsGiveNoDiff() {
            #expect(UnifiedDiff.make(old: "a\n", new: "a\n", oldLabel: "a", newLabel: "b") == "")
            #expect(UnifiedDiff.make(old: "", new: "", oldLabel: "a", newLabel: "b") == "")
        }

        @Test func hunkHeaderForms() {
            #expect(UnifiedDiff.make(old: "", new: "x\n", oldLabel: "a", newLabel: "b") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n")
            #expect(UnifiedDiff.make(old: "a\nb\n", new: "a\n", oldLabel: "a", newLabel: "b", context: 0) == "--- a\n+++ b\n@@ -2 +1,0 @@\n-b\n")
            #expect(UnifiedDiff.make(old: "a", new: "a\n", oldLabel: "a", newLabel: "b") == "--- a\n+++ b\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n")
        }

        @Test(.enabled(if: diffIsInstalled, "diff is not installed"), arguments: cases.map(\.0), [3, 1, 0])
        func matchesGnuDiff(_ name: String, _ context: Int) throws {
            let (_, old, new) = try #require(Self.cases.first { $0.0 == name })
            let expected = try Self.gnuDiff(old, new, context: context)
            #expect(UnifiedDiff.make(old: old, new: new, oldLabel: "a/file", newLabel: "b/file", context: context) == expected)
        }

        /// A 50,000-line file with a few edits is compared exactly as GNU diff does, in time
        /// that grows with the file, not its square.
        @Test(.enabled(if: diffIsInstalled, "diff is not installed"))
        func largeFileWithFewChangesIsLinear() throws {
            let edited = { (old: String) in
                old.replacingOccurrences(of: "line 100\n", with: "line hundred\n")
                    .replacingOccurrences(of: "line 2500\n", with: "")
                    .replacingOccurrences(of: "line 4999\n", with: "line 4999\nextra\n")
            }
            let old = Self.numbered(1...50_000)
            let diff = UnifiedDiff.make(old: old, new: edited(old), oldLabel: "a/file", newLabel: "b/file")
            #expect(diff == (try Self.gnuDiff(old, edited(old), context: 3)))
            let growth = Growth.ratio(size: 5_000, factor: 10) { lines in
                let text = Self.numbered(1...lines)
                _ = UnifiedDiff.make(old: text, new: edited(text), oldLabel: "a", newLabel: "b")
            }
            #expect(growth < 35, "10 times the lines took \(growth) times as long")
        }

        /// Two equal 50,000-line files: no diff, in time that grows with the file.
        @Test func identicalLargeFilesGiveNoDiff() {
            let text = Self.numbered(1...50_000)
            #expect(UnifiedDiff.make(old: text, new: text, oldLabel: "a/file", newLabel: "b/file") == "")
            let growth = Growth.ratio(size: 5_000, factor: 10) { lines in
                let text = Self.numbered(1...lines)
                _ = UnifiedDiff.make(old: text, new: text, oldLabel: "a", newLabel: "b")
            }
            #expect(growth < 35, "10 times the lines took \(growth) times as long")
        }

        /// Lines that are not UTF-8 are compared as bytes: one changed byte is a changed line.
        @Test func linesAreComparedAsBytes() {
            let old: [UInt8] = Array("a\n".utf8) + [0xFF, 0x0A] + Array("c\n".utf8)
            let new: [UInt8] = Array("a\n".utf8) + [0xFE, 0x0A] + Array("c\n".utf8)
            #expect(UnifiedDiff.make(old: old, new: new, oldLabel: "a", newLabel: "b") == "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-\u{FFFD}\n+\u{FFFD}\n c\n")
            #expect(UnifiedDiff.make(old: old, new: old, oldLabel: "a", newLabel: "b") == "")
        }

        /// Unrelated 2,000-line files still finish, and the diff is valid.
        @Test(.enabled(if: patchIsInstalled, "patch is not installed"))
        func completelyDifferentFilesStillFinish() throws {
            let old = (1...2_000).map { "old \($0)\n" }.joined()
            let new = (1...2_000).map { "new \($0)\n" }.joined()
            try Self.expectPatchApplies(old: old, new: new)
        }

        /// Random edits of small files: `patch` applied to our diff gives back the new text.
        @Test(.enabled(if: patchIsInstalled, "patch is not installed"), arguments: 1...40)
        func randomEditsApplyWithPatch(_ seed: Int) throws {
            var generator = SplitMix64(seed: UInt64(seed))
            let alphabet = ["a\n", "b\n", "c\n", "d\n", "a\r\n", "e"]
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let new = RandomEdits.applied(to: old, times: Int.random(in: 0...8, using: &generator), using: &generator) { generator in
                alphabet.randomElement(using: &generator)!
            }
            // Only the last line may lack a newline.
            let join: ([String]) -> String = { lines in
                lines.enumerated().map { $0.offset < lines.count - 1 && $0.element.utf8.last != UInt8(ascii: "\n") ? $0.element + "\n" : $0.element }.joined()
            }
            try Self.expectPatchApplies(old: join(old), new: join(new))
        }

        static func expectPatchApplies(old: String, new: String) throws {
            let diff = UnifiedDiff.make(old: old, new: new, oldLabel: "a/file", newLabel: "b/file")
            if old == new {
                #expect(diff.isEmpty)
                return
            }
            let directory = FixtureDirectory()
            let file = directory.write("file", old)
            let patchFile = directory.write("change.diff", diff)
            let result = try #require(try SystemProcessRunner().run("patch", ["--quiet", "--force", "--no-backup-if-mismatch", file, patchFile]))
            #expect(result.status == 0, "\(result.output) \(result.errorOutput)\n\(diff)")
            #expect(directory.read("file") == Array(new.utf8), "\(diff)")
        }
    }
}
