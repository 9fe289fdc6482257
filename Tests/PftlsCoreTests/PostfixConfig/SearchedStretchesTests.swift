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
            let stretches = SearchedStretches.find(oldLines: Self.lines(old), newLines: Self.lines(new), searchedWhole: 10)
            #expect(stretches == [SearchedStretches.Stretch(old: 0..<600, new: 0..<602)])
            try PostfixConfigTests.UnifiedDiffTests.expectPatchApplies(old: old, new: new)
        }

        /// Random edits of files with repeated and unique lines, cut into stretches of at most
        /// ten lines where anchors allow: every line outside the stretches is the same on both
        /// sides, the stretches do not overlap, and the diff made from them applies with `patch`.
        @Test(arguments: 1...30)
        func randomEditsCutIntoStretchesStayCorrect(_ seed: Int) throws {
            var generator = SplitMix64(seed: UInt64(seed))
            let old = (0..<Int.random(in: 50...400, using: &generator)).map { index in
                Bool.random(using: &generator) ? "line \(index)\n" : ["a\n", "b\n", "\n"].randomElement(using: &generator)!
            }
            var new = old
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let position = Int.random(in: 0...new.count, using: &generator)
                if Bool.random(using: &generator), position < new.count {
                    new.remove(at: position)
                } else {
                    new.insert("new \(Int.random(in: 0...5, using: &generator))\n", at: position)
                }
            }
            let (oldLines, newLines) = (Self.lines(old.joined()), Self.lines(new.joined()))
            let stretches = SearchedStretches.find(oldLines: oldLines, newLines: newLines, searchedWhole: 10)
            var oldOutside = Array(repeating: true, count: oldLines.count), newOutside = Array(repeating: true, count: newLines.count)
            for stretch in stretches {
                #expect(stretch.old.allSatisfy { oldOutside[$0] } && stretch.new.allSatisfy { newOutside[$0] }, "overlap")
                stretch.old.forEach { oldOutside[$0] = false }
                stretch.new.forEach { newOutside[$0] = false }
            }
            #expect(Self.kept(oldLines, where: oldOutside) == Self.kept(newLines, where: newOutside), "lines outside the stretches differ")
            let (deleted, inserted) = UnifiedDiff.changedLines(oldLines: oldLines, newLines: newLines, searchedWhole: 10)
            #expect(Self.kept(oldLines, where: deleted.map { !$0 }) == Self.kept(newLines, where: inserted.map { !$0 }), "kept lines differ")
        }
    }
}
