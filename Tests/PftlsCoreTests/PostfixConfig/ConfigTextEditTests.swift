import Testing
@testable import PftlsCore

extension PostfixConfigTests {
    /// The index of the lines that start a setting stays what a fresh scan of the lines
    /// would find, through every kind of edit: lookups by name trust it.
    @Suite struct ConfigTextStartLinesTests {
        /// Line texts of every kind: starts, continuations, comments, blanks.
        private static let texts = ["a = 1", "smtpd_x = y", "  continued", "\tmore", "# note", "", "   ", "b=2", "#", " # indented"]

        private static func scanned(_ text: ConfigText) -> [Int] {
            (0..<text.lineCount).filter { text.kind(ofLine: $0) == .start }
        }

        @Test(arguments: 0..<40)
        func randomEditsKeepTheIndexEqualToAScan(seed: Int) {
            var random = SplitMix64(seed: UInt64(seed))
            let initial = (0..<Int.random(in: 0...30, using: &random)).map { _ in Self.texts.randomElement(using: &random)! }
            var text = ConfigText(parsing: initial.joined(separator: "\n") + (Bool.random(using: &random) ? "\n" : ""))
            #expect(text.startLines == Self.scanned(text))
            for step in 0..<60 {
                let line = text.lineCount == 0 ? 0 : Int.random(in: 0..<text.lineCount, using: &random)
                let replacement = Self.texts.randomElement(using: &random)!
                switch Int.random(in: 0..<5, using: &random) {
                case 0 where text.lineCount > 0:
                    text.setText(replacement, ofLine: line)
                case 1:
                    text.insert([replacement, Self.texts.randomElement(using: &random)!], at: Int.random(in: 0...text.lineCount, using: &random))
                case 2 where text.lineCount > 0:
                    text.removeLines(at: (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0..<text.lineCount, using: &random) })
                case 3 where text.lineCount > 0:
                    let length = text.withBytes(ofLine: line) { $0.count }
                    text.apply([LineEdit(line: line, range: 0..<Int.random(in: 0...length, using: &random), replacement: replacement)])
                default:
                    text.append([replacement])
                }
                #expect(text.startLines == Self.scanned(text), "seed \(seed), step \(step)")
            }
        }

        /// Each name's logical lines as text (start and continuation lines), found the slow way.
        private static func settingsByName(_ config: MainConfig) -> [String: [[String]]] {
            var result: [String: [[String]]] = [:]
            for logical in config.text.logicalLines() {
                let lines = logical.lineIndices.map { config.text.withBytes(ofLine: $0) { String(decoding: $0, as: UTF8.self) } }
                let name = String(lines[0].prefix { $0 != "=" && $0 != " " && $0 != "\t" })
                result[name, default: []].append(lines)
            }
            return result
        }

        @Test(arguments: 0..<40)
        func changedNamesAreThoseWhoseLinesDiffer(seed: Int) throws {
            var random = SplitMix64(seed: UInt64(seed))
            let names = ["a", "b", "smtpd_x", "c"]
            let lines = ["a = 1", "b = 2", "  x,", "\ty", "# note", "", "smtpd_x = z", "c=3", "a = 1"]
            let initial = (0..<Int.random(in: 0...25, using: &random)).map { _ in lines.randomElement(using: &random)! }
            let original = MainConfig(parsing: initial.joined(separator: "\n") + "\n")
            var edited = original
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let name = names.randomElement(using: &random)!
                switch Int.random(in: 0..<3, using: &random) {
                case 0: try edited.set(name, ["1", "2", "v w"].randomElement(using: &random)!)
                case 1: edited.remove(name)
                default: edited = MainConfig(parsing: edited.render())  // no bytes shared with the original: compared line by line
                }
            }
            let (before, after) = (Self.settingsByName(original), Self.settingsByName(edited))
            let expected = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
            #expect(original.namesChanged(comparedTo: edited) == expected, "seed \(seed)")
            #expect(edited.namesChanged(comparedTo: original) == expected, "seed \(seed)")
        }
    }
}
