import Testing
@testable import PftlsCore

/// The Japanese catalog passes the mechanical checks of JA-STYLE.md (6.11, with 1.1,
/// 1.5, 2.1 and the glossary of section 4): no ASCII punctuation or parenthesis touching
/// Japanese, no retired term, no character of ambiguous width, no ellipsis but at the end.
@Suite struct JapaneseStyleTests {
    /// Kana, the prolonged sound mark and kanji, as JA-STYLE's grep writes them.
    static let japanese = "[ぁ-ゖァ-ヺー一-龯々]"

    /// Literals that keep their ASCII punctuation beside Japanese, with the reason.
    static let allowed: [(key: String, literal: String, reason: String)] = [
        ("help.smtp_tls_session_cache_database.explanation", "tlsmgr(8)", "a manual page with its section, as man(1) names it"),
        ("help.tls_random_source.explanation", "tlsmgr(8)", "a manual page with its section, as man(1) names it"),
        ("EffectRunner.text", "perform(_:)", "a Swift method in an internal precondition, never shown to a person"),
    ]

    /// Every Japanese text with the allowed literals replaced by a neutral ASCII word.
    static var texts: [(key: String, text: String)] {
        Catalog.keys(of: .ja).sorted().map { key in
            var text = Catalog.template(key, in: .ja) ?? ""
            for entry in allowed where entry.key == key { text = text.replacing(entry.literal, with: "literal") }
            return (key, text)
        }
    }

    static func hits(of pattern: String, in texts: [(key: String, text: String)]) throws -> [String] {
        let regex = try Regex(pattern)
        return texts.flatMap { entry in
            entry.text.matches(of: regex).map { match in
                let from = entry.text.index(match.range.lowerBound, offsetBy: -12, limitedBy: entry.text.startIndex) ?? entry.text.startIndex
                let to = entry.text.index(match.range.upperBound, offsetBy: 12, limitedBy: entry.text.endIndex) ?? entry.text.endIndex
                return "\(entry.key): \(entry.text[from..<to])"
            }
        }
    }

    private func expectNone(_ hits: [String], _ rule: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(hits.isEmpty, "\(rule)\n\(hits.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    @Test func noASCIIPunctuationOrParenthesisTouchesJapanese() throws {
        let j = Self.japanese
        try expectNone(Self.hits(of: "\(j) ?[,?!:;(]|\\) ?\(j)", in: Self.texts), "JA 1.1: 、。？：（） in Japanese")
        try expectNone(Self.hits(of: "\(j)[.]", in: Self.texts), "JA 1.1: 。 after Japanese")
    }

    @Test func noRetiredTerm() throws {
        // JA-STYLE section 4 (the → forms) and 5; 認証局 is allowed in the help's prose only.
        let retired = "パラメータ(?!ー)|リゾルバ(?!ー)|デフォルト|エントリー|プローブ|カナリア|ファイル配置|レイアウト|書込|取消|切替|行送り|他者|"
            + "メールソフト|(?:^|[^A])中間証明書|CA 証明書|接続テスト|暗号化済み|復号化|メモリー|フォルダ|ネゴシエート|フォールバック|次に："
        try expectNone(Self.hits(of: retired, in: Self.texts))
        try expectNone(Self.hits(of: "認証局", in: Self.texts.filter { !$0.key.hasPrefix("help.") }), "CA outside the help's prose")
    }

    @Test func noAmbiguousWidthCharacterAndNoEllipsisButAtTheEnd() throws {
        // JA 2.1: these take one cell or two depending on the terminal; JA 1.1: 〜 is U+301C, not U+FF5E.
        try expectNone(Self.hits(of: "[“”‘’×→※○●▶•—～]", in: Self.texts))
        try expectNone(Self.hits(of: "…(?!$)", in: Self.texts), "JA 1.5: … only at the end of a line")
    }

    @Test func noSpaceBesideFullWidthPunctuation() throws {
        // JA 1.3. Aligned labels pad with spaces after ：, which stays allowed.
        try expectNone(Self.hits(of: "\\S [、。（）「」：？]|[、。（「？] |[）」] (?=\\S)", in: Self.texts))
    }
}
