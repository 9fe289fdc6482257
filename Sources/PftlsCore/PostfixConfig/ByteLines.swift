extension Array<UInt8> {
    /// The lines of a file's bytes, each with its `\n`; the last has none when the file
    /// does not end with a newline, and an empty file has no lines. Slices: no copies.
    var linesWithEndings: [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var rest = self[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? rest.endIndex
            lines.append(rest[..<end])
            rest = rest[end...]
        }
        return lines
    }
}
