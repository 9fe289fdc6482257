import FoundationEssentials

/// Finds a key given twice in one JSON object. JSON parsers keep one of the two
/// silently, so an answers file with `"privateKey"` twice would be applied with
/// whichever the parser kept; pftls refuses it instead and names the key.
public enum JSONDuplicateKeys {
    /// The first key that appears twice in one object of `bytes` (valid JSON), compared
    /// after escapes are decoded (`"a"` and `"\u0061"` are the same key); nil when none does.
    public static func first(in bytes: [UInt8]) -> String? {
        // One entry per open object or array: the keys seen so far (objects only), and
        // whether the next string in it is a key.
        var open: [(isObject: Bool, expectingKey: Bool, keys: Set<String>)] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): open.append((true, true, []))
            case UInt8(ascii: "["): open.append((false, false, []))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = open.popLast()
            case UInt8(ascii: ","): if let last = open.indices.last, open[last].isObject { open[last].expectingKey = true }
            case UInt8(ascii: "\""):
                let end = endOfString(bytes, from: index)
                if let last = open.indices.last, open[last].isObject, open[last].expectingKey {
                    let key = (try? JSONDecoder().decode(String.self, from: Data(bytes[index..<end]))) ?? ""
                    if !open[last].keys.insert(key).inserted { return key }
                    open[last].expectingKey = false
                }
                index = end
                continue
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The index just past the string that opens at `start` (its closing quote included).
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return bytes.count
    }
}
