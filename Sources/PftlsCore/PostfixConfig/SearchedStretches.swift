/// The stretches of two texts' lines that a diff must search, each pair of old and new
/// lines to be compared by `difference(from:)` on its own.
///
/// Lines both sides share at the start and at the end are set aside, as GNU diff does.
/// What is left is searched whole when it is small (every real main.cf and master.cf).
/// A larger stretch is cut at an anchor, a line that occurs exactly once on each side (as
/// patience diff uses them), and each part is handled the same way: `difference(from:)`
/// keeps about 32 bytes per line of the stretch it is given, 32 MiB for a 500,000-line
/// main.cf whose first and last lines change, where the parts need almost nothing.
/// An anchor must also sit where a diff with few changes would pair it: next to another
/// line both sides share, and no further than `anchorDrift` lines off the diagonal the
/// stretch's ends allow (a line moved across the file is not an anchor: pairing it would
/// make everything between its two places a change). Without an anchor the stretch is
/// searched whole. A stretch with lines on one side only needs no search at all.
enum SearchedStretches {
    /// One pair of stretches: lines of the old text and of the new text.
    struct Stretch: Equatable {
        let old: Range<Int>
        let new: Range<Int>
    }

    /// The size (old and new lines together) up to which a stretch is searched whole,
    /// without looking for an anchor.
    static let largestSearchedWhole = 20_000
    /// How many lines of the old stretch are tried as anchors.
    static let anchorsTried = 16
    /// How far off its diagonal an anchor may pair lines: the most extra changed lines a
    /// cut may cost over the shortest diff.
    static let anchorDrift = 1_000

    /// The stretches left to search in `oldLines` and `newLines`, in no particular order;
    /// every line outside them is the same on both sides.
    static func find(oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>],
                     largestSearchedWhole: Int = largestSearchedWhole) -> [Stretch] {
        var result: [Stretch] = []
        var pending = [Stretch(old: oldLines.indices, new: newLines.indices)]
        while let next = pending.popLast() {
            let stretch = withoutSharedEnds(next, oldLines: oldLines, newLines: newLines)
            guard !stretch.old.isEmpty || !stretch.new.isEmpty else { continue }
            if stretch.old.isEmpty || stretch.new.isEmpty || stretch.old.count + stretch.new.count <= largestSearchedWhole {
                result.append(stretch)
            } else if let (old, new) = anchor(in: stretch, oldLines: oldLines, newLines: newLines) {
                pending.append(Stretch(old: stretch.old.lowerBound..<old, new: stretch.new.lowerBound..<new))
                pending.append(Stretch(old: (old + 1)..<stretch.old.upperBound, new: (new + 1)..<stretch.new.upperBound))
            } else {
                result.append(stretch)
            }
        }
        return result
    }

    /// `stretch` without the lines both sides share at its start and at its end.
    private static func withoutSharedEnds(_ stretch: Stretch, oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>]) -> Stretch {
        var (old, new) = (stretch.old, stretch.new)
        // Counted in place: `zip(...).prefix(while:)` would copy the shared lines into an array.
        while let first = old.first, let other = new.first, oldLines[first] == newLines[other] {
            old = old.dropFirst()
            new = new.dropFirst()
        }
        while let last = old.last, let other = new.last, oldLines[last] == newLines[other] {
            old = old.dropLast()
            new = new.dropLast()
        }
        return Stretch(old: old, new: new)
    }

    /// An anchor of `stretch`, as its index on each side; nil when none of the lines tried is one.
    private static func anchor(in stretch: Stretch, oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>]) -> (Int, Int)? {
        for old in candidates(in: stretch.old) {
            let line = oldLines[old]
            if onlyIndex(of: line, in: oldLines[stretch.old]) == old, let new = onlyIndex(of: line, in: newLines[stretch.new]),
               pairsOnTheDiagonal(old: old, new: new, in: stretch), hasSharedNeighbour(old: old, new: new, in: stretch, oldLines, newLines) {
                return (old, new)
            }
        }
        return nil
    }

    /// The old lines tried as anchors: the middle first, then lines further out on either
    /// side, spread over the stretch so that a run of repeated lines (blank lines, comments)
    /// in the middle does not hide every one.
    private static func candidates(in old: Range<Int>) -> [Int] {
        let middle = old.lowerBound + old.count / 2
        let step = max(1, old.count / (anchorsTried + 1))
        return (0..<anchorsTried).map { $0.isMultiple(of: 2) ? middle + step * ($0 / 2) : middle - step * (($0 + 1) / 2) }
            .filter { old.contains($0) }
    }

    /// True when pairing `old` with `new` keeps within `anchorDrift` of the diagonals a diff
    /// of `stretch` may take: between no shift and the difference of the two sides' lengths.
    private static func pairsOnTheDiagonal(old: Int, new: Int, in stretch: Stretch) -> Bool {
        let shift = (new - stretch.new.lowerBound) - (old - stretch.old.lowerBound)
        let growth = stretch.new.count - stretch.old.count
        return shift >= min(0, growth) - anchorDrift && shift <= max(0, growth) + anchorDrift
    }

    /// True when the line before or after the pair is the same on both sides.
    private static func hasSharedNeighbour(old: Int, new: Int, in stretch: Stretch,
                                           _ oldLines: [ArraySlice<UInt8>], _ newLines: [ArraySlice<UInt8>]) -> Bool {
        let before = old > stretch.old.lowerBound && new > stretch.new.lowerBound && oldLines[old - 1] == newLines[new - 1]
        let after = old + 1 < stretch.old.upperBound && new + 1 < stretch.new.upperBound && oldLines[old + 1] == newLines[new + 1]
        return before || after
    }

    /// The index of `line` in `lines` when it occurs there exactly once.
    private static func onlyIndex(of line: ArraySlice<UInt8>, in lines: ArraySlice<ArraySlice<UInt8>>) -> Int? {
        guard let first = lines.firstIndex(of: line), lines[(first + 1)...].firstIndex(of: line) == nil else { return nil }
        return first
    }
}
