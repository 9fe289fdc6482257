import Testing
@testable import PftlsCore
import PftlsTestSupport

extension PostfixConfigTests {
    /// Edits of the line model: a fresh parse of the written file finds the lines the
    /// edited model holds, and bytes no edit touched are written back as read.
    @Suite struct ConfigTextEditTests {
        /// Line texts of every kind: starts, continuations, comments, blanks.
        private static let texts = ["a = 1", "smtpd_x = y", "  continued", "\tmore", "# note", "", "   ", "b=2", "#", " # indented"]

        /// Each line's bytes and kind, a last line that writes nothing (no bytes, no newline) left out.
        private static func lines(_ text: ConfigText) -> [([UInt8], ConfigLineKind)] {
            var lines = (0..<text.lineCount).map { (Array(text.bytes(ofLine: $0)), text.kind(ofLine: $0)) }
            if text.lines.last?.rendered == "" { lines.removeLast() }
            return lines
        }

        @Test(arguments: 0..<40)
        func randomEditsWriteWhatAFreshParseReadsBack(seed: Int) {
            var random = SplitMix64(seed: UInt64(seed))
            let initial = (0..<Int.random(in: 0...30, using: &random)).map { _ in Self.texts.randomElement(using: &random)! }
            let ending = Bool.random(using: &random) ? "\r\n" : "\n"
            var text = ConfigText(parsing: initial.joined(separator: ending) + (Bool.random(using: &random) ? ending : ""))
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
                    let length = text.bytes(ofLine: line).count
                    text.apply([LineEdit(line: line, range: 0..<Int.random(in: 0...length, using: &random), replacement: replacement)])
                default:
                    text.append([replacement])
                }
                let reread = ConfigText(parsing: text.render())
                #expect(Self.lines(reread).elementsEqual(Self.lines(text)) { $0.0 == $1.0 && $0.1 == $1.1 }, "seed \(seed), step \(step)")
            }
        }

        /// Each name's logical lines as text (start and continuation lines), found the slow way.
        private static func settingsByName(_ config: MainConfig) -> [String: [[String]]] {
            var result: [String: [[String]]] = [:]
            for logical in config.text.logicalLines() {
                let lines = logical.lineIndices.map { String(decoding: config.text.bytes(ofLine: $0), as: UTF8.self) }
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

        /// A starting line that comes or goes moves the continuation lines below it from one
        /// setting to another: the setting above changes too, though none of its lines did.
        @Test func aStartingLineThatComesOrGoesChangesTheSettingAbove() {
            let joined = MainConfig(parsing: "a = 1\n  x,\n# note\n  y\nc = 3\n")
            let split = MainConfig(parsing: "a = 1\n  x,\nb = 2\n# note\n  y\nc = 3\n")
            #expect(joined.namesChanged(comparedTo: split) == ["a", "b"])
            #expect(split.namesChanged(comparedTo: joined) == ["a", "b"])
        }

        /// Bytes that are not UTF-8 (a Latin-1 comment, a stray byte in a value) are written
        /// back as read, on the lines no edit touched, in a file that is edited.
        @Test func invalidUTF8IsWrittenBackAsRead() throws {
            let latin1Comment: [UInt8] = Array("# r".utf8) + [0xE9, 0x73, 0x65, 0x61, 0x75] + Array("\r\n".utf8)
            let strayByte: [UInt8] = Array("mydomain = ex".utf8) + [0xFF] + Array("ample.test\r\n".utf8)
            let setting = Array("smtpd_tls_security_level = none\r\n".utf8)
            var config = MainConfig(bytes: latin1Comment + strayByte + setting)
            try config.set("smtpd_tls_security_level", "may")
            try config.set("smtpd_tls_chain_files", "/etc/postfix/tls/chain.pem")
            #expect(config.renderBytes() == latin1Comment + strayByte
                    + Array("smtpd_tls_security_level = may\r\nsmtpd_tls_chain_files = /etc/postfix/tls/chain.pem\r\n".utf8))
            var master = MasterConfig(bytes: latin1Comment)
            try master.add(MasterService(name: "submission", type: "inet", command: "smtpd"))
            #expect(master.renderBytes().starts(with: latin1Comment))
        }
    }
}
