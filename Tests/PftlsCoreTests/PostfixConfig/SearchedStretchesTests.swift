import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PostfixConfigTests {
    /// How a large diff is cut into stretches that `difference(from:)` searches one by one.
    @Suite struct SearchedStretchesTests {
        static func lines(_ text: String) -> [ArraySlice<UInt8>] {
            Array(text.utf8).linesWithEndings
        }

        /// The lines whose flag is set, joined (so a failure does not print every line).
        static func kept(_ lines: [ArraySlice<UInt8>], where flags: [Bool]) -> String {
            String(decoding: zip(flags, lines).filter(\.0).flatMap(\.1), as: UTF8.self)
        }

        /// A 200,000-line file whose first and last lines change: two small stretches are
        /// searched, not the whole file (what kept 32 MiB for a 500,000-line main.cf).
        @Test func changesAtBothEndsAreSearchedApart() {
            let old = PostfixConfigTests.UnifiedDiffTests.numbered(1...200_000)
            let new = old.replacingOccurrences(of: "line 3\n", with: "line three\n") + "appended\n"
            let stretches = SearchedStretches.find(oldLines: Self.lines(old), newLines: Self.lines(new))
            #expect(stretches.count == 2)
            #expect(stretches.allSatisfy { $0.old.count + $0.new.count <= 2 })
            #expect(Set(stretches.map(\.old.lowerBound)) == [2, 200_000])
        }

        /// A line moved across a 30,000-line file is no anchor: pairing it would make half the
        /// file a change. The diff is GNU diff's six lines, not thirty thousand.
        @Test(.enabled(if: PostfixConfigTests.UnifiedDiffTests.diffIsInstalled, "diff is not installed"))
        func aMovedLineIsNoAnchor() throws {
            let old = PostfixConfigTests.UnifiedDiffTests.numbered(1...30_000)
            let new = "line 15001\nchanged first\n" + PostfixConfigTests.UnifiedDiffTests.numbered(2...15_000)
                + PostfixConfigTests.UnifiedDiffTests.numbered(15_002...29_999) + "changed last\n"
            let diff = UnifiedDiff.make(old: old, new: new, oldLabel: "a/file", newLabel: "b/file")
            #expect(diff == (try PostfixConfigTests.UnifiedDiffTests.gnuDiff(old, new, context: 3)))
            #expect(diff.split(separator: "\n").filter { $0.hasPrefix("-l") || $0.hasPrefix("+") && !$0.hasPrefix("+++") }.count == 6)
        }

        /// Edits far apart in a 50,000-line file (a stretch cut at anchors) give GNU diff's output.
        @Test(.enabled(if: PostfixConfigTests.UnifiedDiffTests.diffIsInstalled, "diff is not installed"))
        func editsFarApartMatchGnuDiff() throws {
            let old = PostfixConfigTests.UnifiedDiffTests.numbered(1...50_000)
            let new = old.replacingOccurrences(of: "line 100\n", with: "line hundred\nextra\n")
                .replacingOccurrences(of: "line 40000\n", with: "")
            #expect(SearchedStretches.find(oldLines: Self.lines(old), newLines: Self.lines(new)).count > 1)
            #expect(UnifiedDiff.make(old: old, new: new, oldLabel: "a/file", newLabel: "b/file")
                    == (try PostfixConfigTests.UnifiedDiffTests.gnuDiff(old, new, context: 3)))
        }

        /// Lines that only come (a new file, lines appended) are marked, not searched: a search
        /// of lines on one side costs the square of their number (20 s for 50,000 lines).
        @Test func linesOnOneSideAreNotSearched() {
            let added = PostfixConfigTests.UnifiedDiffTests.numbered(1...20_000)
            let diff = UnifiedDiff.make(old: "first\n", new: "first\n" + added, oldLabel: "a", newLabel: "b")
            #expect(diff.hasPrefix("--- a\n+++ b\n@@ -1 +1,20001 @@\n first\n+line 1\n") && diff.hasSuffix("+line 20000\n"))
            let growth = Growth.ratio(size: 2_000, factor: 10) { lines in
                _ = UnifiedDiff.make(old: "", new: PostfixConfigTests.UnifiedDiffTests.numbered(1...lines), oldLabel: "a", newLabel: "b")
            }
            #expect(growth < 35, "10 times the lines took \(growth) times as long")
        }

        /// Small files are searched whole: every real main.cf and master.cf.
        @Test func aSmallFileIsOneStretch() {
            let old = PostfixConfigTests.UnifiedDiffTests.numbered(1...300)
            let new = old.replacingOccurrences(of: "line 3\n", with: "x\n").replacingOccurrences(of: "line 297\n", with: "y\n")
            #expect(SearchedStretches.find(oldLines: Self.lines(old), newLines: Self.lines(new))
                    == [SearchedStretches.Stretch(old: 2..<297, new: 2..<297)])
        }

        /// Lines that all repeat give no anchor: the stretch is searched whole, and the diff is still right.
        @Test(.enabled(if: PostfixConfigTests.UnifiedDiffTests.patchIsInstalled, "patch is not installed"))
        func withoutAnAnchorTheStretchIsSearchedWhole() throws {
            let old = String(repeating: "a\nb\n", count: 300)
            let new = "x\n" + old + "y\n"
            let stretches = SearchedStretches.find(oldLines: Self.lines(old), newLines: Self.lines(new), largestSearchedWhole: 10)
            #expect(stretches == [SearchedStretches.Stretch(old: 0..<600, new: 0..<602)])
            try PostfixConfigTests.UnifiedDiffTests.expectPatchApplies(old: old, new: new)
        }

        /// Random edits of files with repeated and unique lines, cut wherever an anchor allows
        /// once a stretch has more than ten lines: every line outside the stretches is the same
        /// on both sides, the stretches do not overlap, and the lines the diff keeps are the
        /// same on both sides.
        @Test(arguments: 1...30)
        func randomEditsCutIntoStretchesStayCorrect(_ seed: Int) throws {
            var generator = SplitMix64(seed: UInt64(seed))
            let old = (0..<Int.random(in: 50...400, using: &generator)).map { index in
                Bool.random(using: &generator) ? "line \(index)\n" : ["a\n", "b\n", "\n"].randomElement(using: &generator)!
            }
            let new = RandomEdits.applied(to: old, times: Int.random(in: 1...12, using: &generator), using: &generator) { generator in
                "new \(Int.random(in: 0...5, using: &generator))\n"
            }
            let (oldLines, newLines) = (Self.lines(old.joined()), Self.lines(new.joined()))
            let stretches = SearchedStretches.find(oldLines: oldLines, newLines: newLines, largestSearchedWhole: 10)
            var oldOutside = Array(repeating: true, count: oldLines.count), newOutside = Array(repeating: true, count: newLines.count)
            for stretch in stretches {
                #expect(stretch.old.allSatisfy { oldOutside[$0] } && stretch.new.allSatisfy { newOutside[$0] }, "overlap")
                stretch.old.forEach { oldOutside[$0] = false }
                stretch.new.forEach { newOutside[$0] = false }
            }
            #expect(Self.kept(oldLines, where: oldOutside) == Self.kept(newLines, where: newOutside), "lines outside the stretches differ")
            let (deleted, inserted) = UnifiedDiff.changedLines(oldLines: oldLines, newLines: newLines, largestSearchedWhole: 10)
            #expect(Self.kept(oldLines, where: deleted.map { !$0 }) == Self.kept(newLines, where: inserted.map { !$0 }), "kept lines differ")
        }
    }
}
