/// Changes entries of an SNI map's source file losslessly: an entry named in the change
/// gets its new value on its first line (its continuation lines go), a name not in the
/// file is added at the end, and every other byte stays as it was.
public struct SNIMapSourceEditor {
    /// The source's bytes as read.
    public let original: [UInt8]

    /// Creates an editor over `original`.
    public init(_ original: [UInt8]) { self.original = original }

    /// The source with each `(name, value)` set, in the order given for new names.
    public func setting(_ entries: [(name: String, value: String)]) -> [UInt8] {
        var remaining = entries.map { (key: $0.name.lowercased(), line: Array("\($0.name) \($0.value)".utf8)) }
        var output: [UInt8] = []
        output.reserveCapacity(original.count + remaining.reduce(0) { $0 + $1.line.count + 1 })
        var skippingContinuation = false
        for line in original.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLastIfEmpty(original) {
            let first = line.first
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                if !skippingContinuation { output += line + [UInt8(ascii: "\n")] }
                continue
            }
            skippingContinuation = false
            let key = String(decoding: line.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }, as: UTF8.self).lowercased()
            if first != UInt8(ascii: "#"), !key.isEmpty, let index = remaining.firstIndex(where: { $0.key == key }) {
                output += remaining[index].line + [UInt8(ascii: "\n")]
                remaining.remove(at: index)
                skippingContinuation = true
                continue
            }
            output += line + [UInt8(ascii: "\n")]
        }
        if !original.isEmpty && original.last != UInt8(ascii: "\n") { output.removeLast() }
        if !remaining.isEmpty && !output.isEmpty && output.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        for entry in remaining { output += entry.line + [UInt8(ascii: "\n")] }
        return output
    }
}

private extension Array where Element == ArraySlice<UInt8> {
    /// The lines of a file that ends in a newline, without the empty piece after it.
    func dropLastIfEmpty(_ bytes: [UInt8]) -> ArraySlice<ArraySlice<UInt8>> {
        bytes.last == UInt8(ascii: "\n") || bytes.isEmpty ? dropLast() : self[...]
    }
}
