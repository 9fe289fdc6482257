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
    }
}
