/// One logical line: a line that starts with non-whitespace and the lines that continue it.
///
/// Comment and blank lines between them are skipped by Postfix and are not listed here,
/// so `lineIndices` may have gaps.
struct LogicalLine: Equatable, Sendable {
    /// Indices into the document's physical lines; the first is the starting line.
    let lineIndices: [Int]

    /// The physical line that starts the logical line.
    var head: Int { lineIndices[0] }
    /// The last physical line that belongs to it.
    var last: Int { lineIndices[lineIndices.count - 1] }
    /// The physical lines after the first.
    var continuations: ArraySlice<Int> { lineIndices.dropFirst() }
}
