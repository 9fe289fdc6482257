/// Finds which lines were deleted and which inserted between two texts, with Myers'
/// O(ND) algorithm in linear space (the divide-and-conquer form GNU diff uses).
///
/// Common leading and trailing lines are skipped first, so two large files that differ
/// in a few lines are compared in time proportional to their length.
struct LineDiff {
    /// `deleted[i]` is true when line `i` of the old text is not in the new one.
    private(set) var deleted: [Bool]
    /// `inserted[j]` is true when line `j` of the new text is not in the old one.
    private(set) var inserted: [Bool]

    private let old: [Int]
    private let new: [Int]
    /// Furthest-reaching x per diagonal, forward and backward; indexed by diagonal + `diagonalOffset`.
    private var forward: [Int]
    private var backward: [Int]
    private let diagonalOffset: Int

    /// Compares two sequences of line identifiers (equal lines, equal identifiers).
    init(old: [Int], new: [Int]) {
        self.old = old
        self.new = new
        deleted = Array(repeating: false, count: old.count)
        inserted = Array(repeating: false, count: new.count)
        diagonalOffset = new.count + 1
        forward = Array(repeating: 0, count: old.count + new.count + 3)
        backward = forward
        compare(oldRange: 0..<old.count, newRange: 0..<new.count)
    }

    /// Marks the differences between `old[oldRange]` and `new[newRange]`.
    private mutating func compare(oldRange: Range<Int>, newRange: Range<Int>) {
        var (oldLow, oldHigh, newLow, newHigh) = (oldRange.lowerBound, oldRange.upperBound, newRange.lowerBound, newRange.upperBound)
        while oldLow < oldHigh && newLow < newHigh && old[oldLow] == new[newLow] {
            oldLow += 1
            newLow += 1
        }
        while oldLow < oldHigh && newLow < newHigh && old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
        }
        if oldLow == oldHigh || newLow == newHigh {
            for index in oldLow..<oldHigh { deleted[index] = true }
            for index in newLow..<newHigh { inserted[index] = true }
            return
        }
        let (oldMiddle, newMiddle) = middle(oldLow: oldLow, oldHigh: oldHigh, newLow: newLow, newHigh: newHigh)
        let splits = (oldMiddle, newMiddle) != (oldLow, newLow) && (oldMiddle, newMiddle) != (oldHigh, newHigh)
        guard splits else {
            // Cannot happen for a correct split; marking everything keeps the diff valid regardless.
            for index in oldLow..<oldHigh { deleted[index] = true }
            for index in newLow..<newHigh { inserted[index] = true }
            return
        }
        compare(oldRange: oldLow..<oldMiddle, newRange: newLow..<newMiddle)
        compare(oldRange: oldMiddle..<oldHigh, newRange: newMiddle..<newHigh)
    }

    /// A point on a shortest edit path through the box, about halfway along it.
    private mutating func middle(oldLow: Int, oldHigh: Int, newLow: Int, newHigh: Int) -> (Int, Int) {
        let lowestDiagonal = oldLow - newHigh
        let highestDiagonal = oldHigh - newLow
        let forwardMiddle = oldLow - newLow
        let backwardMiddle = oldHigh - newHigh
        let odd = (forwardMiddle - backwardMiddle) & 1 != 0
        var (forwardMin, forwardMax) = (forwardMiddle, forwardMiddle)
        var (backwardMin, backwardMax) = (backwardMiddle, backwardMiddle)
        let offset = diagonalOffset
        forward[forwardMiddle + offset] = oldLow
        backward[backwardMiddle + offset] = oldHigh

        while true {
            if forwardMin > lowestDiagonal { forwardMin -= 1; forward[forwardMin - 1 + offset] = -1 } else { forwardMin += 1 }
            if forwardMax < highestDiagonal { forwardMax += 1; forward[forwardMax + 1 + offset] = -1 } else { forwardMax -= 1 }
            for diagonal in stride(from: forwardMax, through: forwardMin, by: -2) {
                let below = forward[diagonal - 1 + offset]
                let above = forward[diagonal + 1 + offset]
                var x = below < above ? above : below + 1
                var y = x - diagonal
                while x < oldHigh && y < newHigh && old[x] == new[y] {
                    x += 1
                    y += 1
                }
                forward[diagonal + offset] = x
                if odd && backwardMin <= diagonal && diagonal <= backwardMax && backward[diagonal + offset] <= x {
                    return (x, y)
                }
            }

            if backwardMin > lowestDiagonal { backwardMin -= 1; backward[backwardMin - 1 + offset] = Int.max } else { backwardMin += 1 }
            if backwardMax < highestDiagonal { backwardMax += 1; backward[backwardMax + 1 + offset] = Int.max } else { backwardMax -= 1 }
            for diagonal in stride(from: backwardMax, through: backwardMin, by: -2) {
                let below = backward[diagonal - 1 + offset]
                let above = backward[diagonal + 1 + offset]
                var x = below < above ? below : above - 1
                var y = x - diagonal
                while x > oldLow && y > newLow && old[x - 1] == new[y - 1] {
                    x -= 1
                    y -= 1
                }
                backward[diagonal + offset] = x
                if !odd && forwardMin <= diagonal && diagonal <= forwardMax && x <= forward[diagonal + offset] {
                    return (x, y)
                }
            }
        }
    }
}
