import Foundation
import Testing
import PftlsTestSupport

/// The command line in Japanese: chosen by the environment as gettext chooses (the
/// locale need not be installed) or by --lang; codes and JSON keys never change.
@Suite(.tags(.endToEnd)) struct JapaneseCLITests {
    /// The cells `line` takes on a terminal, counted here on their own (not by the
    /// DisplayWidth the program uses), so the test does not trust what it checks.
    private static func cells(_ line: some StringProtocol) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ((0x1100...0x115F).contains($1.value) || (0x2E80...0xFF60).contains($1.value) ? 2 : 1) }
    }

    /// A result's output has Japanese text in it (hiragana or katakana).
    private func isJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) }
    }

    @Test func inspectSpeaksJapaneseUnderAJapaneseLocaleThatIsNotInstalled() throws {
        let japanese = try Pftls.run(["inspect", "--sample"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "", "LANGUAGE": ""])
        #expect(japanese.status == 0, "\(japanese.all)")
        #expect(isJapanese(japanese.standardOutput), "\(japanese.standardOutput)")
        let english = try Pftls.run(["inspect", "--sample"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "C", "LANGUAGE": ""])
        #expect(!isJapanese(english.standardOutput), "LC_ALL=C gives English: \(english.standardOutput)")
        let chosen = try Pftls.run(["--lang", "ja", "inspect", "--sample"], environment: ["LC_ALL": "C"])
        #expect(isJapanese(chosen.standardOutput), "--lang ja overrides the environment")
        let bad = try Pftls.run(["--lang", "fr", "inspect", "--sample"])
        #expect(bad.status == 2 && bad.standardError.contains("--lang"), "\(bad.all)")
    }

    @Test func jsonKeysAndCodesStayTheSameMessagesFollowTheLanguage() throws {
        let english = try Pftls.run(["inspect", "--sample", "--json"], environment: ["LC_ALL": "C"])
        let japanese = try Pftls.run(["inspect", "--sample", "--json"], environment: ["LC_ALL": "ja_JP.UTF-8"])
        let parse = { (text: String) throws -> [String: Any] in
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
        let en = try parse(english.standardOutput)
        let ja = try parse(japanese.standardOutput)
        #expect(Set(en.keys) == Set(ja.keys))
        let codes = { (object: [String: Any]) in ((object["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String } }
        #expect(codes(en) == codes(ja), "finding codes do not change with the language")
    }

    @Test func explainAndErrorsInJapanese() throws {
        let explain = try Pftls.run(["explain", "smtpd_tls_security_level"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": ""])
        #expect(explain.status == 0 && isJapanese(explain.standardOutput), "\(explain.all)")
        #expect(explain.standardOutput.contains("smtpd_tls_security_level"), "parameter names stay")
        let wrong = try Pftls.run(["explain", "smtpd_tls_security_level=verify"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": ""])
        #expect(wrong.status == 2 && isJapanese(wrong.standardError), "\(wrong.all)")
    }

    /// swift-argument-parser counts characters; the help is laid out again by cells.
    @Test(arguments: ["", "wizard", "demo", "inspect", "csr", "apply", "check", "renew", "explain"])
    func helpFitsEightyCellsWithAlignedColumns(_ command: String) throws {
        let help = try Pftls.run((command.isEmpty ? [] : [command]) + ["--help"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "", "LANGUAGE": ""])
        #expect(help.status == 0 && isJapanese(help.standardOutput), "\(help.all)")
        for line in help.standardOutput.split(separator: "\n") {
            #expect(Self.cells(line) <= 80, "\(Self.cells(line)) cells: \(line)")
            // A row's description starts in column 26, whatever the label's script.
            if line.hasPrefix("  "), !line.hasPrefix("   "), let gap = line.dropFirst(2).firstRange(of: "  ") {
                let label = line[..<gap.lowerBound]
                let padding = line[gap.lowerBound...].prefix { $0 == " " }
                #expect(Self.cells(label) + padding.count == 26, "out of line: \(line)")
            }
        }
    }

    /// inspect's report fits 80 cells in both languages; the fingerprint is on two rows that
    /// join into the whole 32-byte fingerprint (the sample is made anew for each run).
    @Test(arguments: ["en", "ja"])
    func inspectFitsEightyCells(_ language: String) throws {
        let text = try Pftls.run(["--lang", language, "inspect", "--sample"])
        #expect(text.status == 0, "\(text.all)")
        let lines = text.standardOutput.split(separator: "\n")
        for line in lines { #expect(Self.cells(line) <= 80, "\(Self.cells(line)) cells: \(line)") }
        let row = try #require(lines.firstIndex { $0.contains("sha256") })
        let joined = String(lines[row].split(separator: " ").last!) + lines[row + 1].trimmingCharacters(in: .whitespaces)
        #expect(joined.wholeMatch(of: /([0-9A-F]{2}:){31}[0-9A-F]{2}/) != nil, "\(lines[row])⏎\(lines[row + 1])")
    }
}
