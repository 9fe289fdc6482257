/// The stretches of two texts' lines that a diff must search, each pair of old and new
/// lines to be compared by `difference(from:)` on its own.
///
/// Lines both sides share at the start and at the end are set aside, as GNU diff does.
/// What is left is searched whole when it is small (every real main.cf and master.cf).
/// A larger stretch is cut at a line that occurs exactly once on each side (an anchor, as
/// patience diff uses them) and each part is handled the same way: `difference(from:)`
/// keeps about 32 bytes per line of the stretch it is given, 32 MiB for a 500,000-line
/// main.cf whose first and last lines change, where the parts need almost nothing.
/// When no anchor is found the stretch is searched whole.
enum SearchedStretches {
    /// One pair of stretches: lines of the old text and of the new text.
    struct Stretch: Equatable {
        let old: Range<Int>
        let new: Range<Int>
    }

    /// The largest stretch (old and new lines together) searched without looking for an anchor.
    static let searchedWhole = 20_000
    /// How many lines, from the middle of the old stretch outwards, are tried as anchors.
    static let anchorsTried = 16

    /// The stretches left to search in `oldLines` and `newLines`, in no particular order;
    /// every line outside them is the same on both sides.
    static func find(oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>],
                     searchedWhole: Int = searchedWhole) -> [Stretch] {
        var result: [Stretch] = []
        var pending = [Stretch(old: oldLines.indices, new: newLines.indices)]
        while let next = pending.popLast() {
            let stretch = withoutSharedEnds(next, oldLines: oldLines, newLines: newLines)
            guard !stretch.old.isEmpty || !stretch.new.isEmpty else { continue }
            if stretch.old.isEmpty || stretch.new.isEmpty || stretch.old.count + stretch.new.count <= searchedWhole {
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

    /// A line that occurs once in the old stretch and once in the new one, as its index on
    /// each side; nil when none of the lines tried is such a line.
    private static func anchor(in stretch: Stretch, oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>]) -> (Int, Int)? {
        let middle = stretch.old.lowerBound + stretch.old.count / 2
        let tried = (0..<anchorsTried).lazy
            .map { $0.isMultiple(of: 2) ? middle + $0 / 2 : middle - ($0 + 1) / 2 }
            .filter { stretch.old.contains($0) }
        for old in tried {
            let line = oldLines[old]
            if onlyIndex(of: line, in: oldLines[stretch.old]) == old, let new = onlyIndex(of: line, in: newLines[stretch.new]) {
                return (old, new)
            }
        }
        return nil
    }

    /// The index of `line` in `lines` when it occurs there exactly once.
    private static func onlyIndex(of line: ArraySlice<UInt8>, in lines: ArraySlice<ArraySlice<UInt8>>) -> Int? {
        guard let first = lines.firstIndex(of: line), lines[(first + 1)...].firstIndex(of: line) == nil else { return nil }
        return first
    }
}
