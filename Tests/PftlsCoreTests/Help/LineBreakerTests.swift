import Testing
import PftlsTestSupport
@testable import PftlsCore

/// The one line breaker: display width, kinsoku, whole ASCII words, filled lines.
@Suite struct LineBreakerTests {
    /// Characters no line may start with, and particles (JA-STYLE 2.2 and the list).
    static let forbiddenAtStart: Set<Character> = Set("、。，．）」』］】ー？！・：ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
    /// Particles: no line starts with one, unless a stretch with no other break is wider than the line.
    static let particles: Set<Character> = Set("はがをにのでと")
    static let forbiddenAtEnd: Set<Character> = Set("（「『［【")

    /// Checks what every wrapped line must satisfy, and that nothing but spaces at the breaks was lost.
    static func expectWellBroken(_ lines: [String], from text: String, width: Int, particlesChecked: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(DisplayWidth.columns(of: line) <= width || !line.contains(" ") && !line.contains(where: { DisplayWidth.columns(of: $0) == 2 }),
                    "too wide (\(DisplayWidth.columns(of: line)) > \(width)): \(line)", sourceLocation: sourceLocation)
        }
        for (line, next) in zip(lines, lines.dropFirst()) {
            if let first = next.trimmingPrefix(while: { $0 == " " }).first {
                #expect(!forbiddenAtStart.contains(first), "line starts with \(first): \(line)⏎\(next)", sourceLocation: sourceLocation)
                #expect(!particlesChecked || !particles.contains(first), "line starts with \(first): \(line)⏎\(next)", sourceLocation: sourceLocation)
            }
            if let last = line.last {
                #expect(!forbiddenAtEnd.contains(last), "line ends with \(last): \(line)⏎\(next)", sourceLocation: sourceLocation)
            }
        }
        #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "text lost or changed", sourceLocation: sourceLocation)
    }

    /// At every width in `widths`, `text` is well broken and each of `pieces` is on one line.
    static func expectKeptWhole(_ pieces: [String], in text: String, widths: ClosedRange<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        for width in widths {
            let lines = LineBreaker.lines(text, width: width)
            expectWellBroken(lines, from: text, width: width, sourceLocation: sourceLocation)
            for piece in pieces {
                #expect(lines.contains { $0.contains(piece) }, "width \(width): \(piece) split in \(lines)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func englishBreaksAtSpacesAndFillsLines() {
        let lines = LineBreaker.lines("the quick brown fox jumps over the lazy dog", width: 15)
        #expect(lines == ["the quick brown", "fox jumps over", "the lazy dog"])
    }

    @Test func shortTextIsOneLineAndEmptyTextIsOneEmptyLine() {
        #expect(LineBreaker.lines("short", width: 40) == ["short"])
        #expect(LineBreaker.lines("", width: 40) == [""])
    }

    @Test func anASCIIWordStaysWithTheParticleAfterIt() {
        // The example: `submission には SASL⏎が必要ですが` must not happen.
        let text = "submission には SASL が必要ですが、バックエンドが見つかりません"
        for width in 16...40 {
            let lines = LineBreaker.lines(text, width: width)
            Self.expectWellBroken(lines, from: text, width: width)
            #expect(!lines.contains { $0.hasSuffix("SASL") }, "width \(width): \(lines)")
        }
    }

    @Test func japaneseLinesAreFilledNotBrokenAtTheSpace() {
        // English-style breaking would end the first line after `DANE TLSA`.
        let text = "この証明書の DANE TLSA レコードを公開すると、受信側は証明書を DNS で確かめられます。"
        let lines = LineBreaker.lines(text, width: 40)
        Self.expectWellBroken(lines, from: text, width: 40)
        #expect(DisplayWidth.columns(of: lines[0]) >= 36, "first line not filled: \(lines)")
        #expect(!lines[0].hasSuffix("TLSA"))
    }

    @Test func identifiersAreNeverSplit() {
        let text = "smtpd_tls_security_level=encrypt のときは smtpd_tls_auth_only も有効にすると、平文での認証を防げます。"
        Self.expectKeptWhole(["smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only"], in: text, widths: 38...60)
    }

    @Test func aQuotedCommandIsOneWord() {
        let text = "置き換えるものをバックアップし、`postfix check` を実行して、\"-o smtpd_tls_security_level=encrypt\" で上書きします。"
        Self.expectKeptWhole(["`postfix check`", "\"-o smtpd_tls_security_level=encrypt\""], in: text, widths: 40...70)
    }

    @Test func aNumberStaysWithItsCounterAndAfterPort() {
        let text = "鍵は RSA 2048 ビットで、ポート 587 と ポート 465 の両方で使われます。あと 364 日有効です。"
        Self.expectKeptWhole(["2048 ビット", "ポート 587", "ポート 465", "364 日"], in: text, widths: 16...50)
    }

    @Test func kinsokuHoldsAtEveryWidth() {
        let text = "証明書署名要求（CSR）を作成しました。「次へ」を押すと、ハンドシェイクを確認します（ポート 25）。サーバーの設定は変更していません。"
        for width in 6...70 {
            Self.expectWellBroken(LineBreaker.lines(text, width: width), from: text, width: width, particlesChecked: width >= 12)
        }
    }

    @Test func aPathLongerThanTheLineBreaksAfterASlash() {
        let lines = LineBreaker.lines("/etc/postfix/pftls-backups/20261206-231000/restore.sh", width: 30)
        #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= 30 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("/") }, "\(lines)")
        #expect(lines.joined() == "/etc/postfix/pftls-backups/20261206-231000/restore.sh")
    }

    @Test func aCommandIsOneUnindentedLineOrBrokenAfterASlash() {
        let command = "sh '/etc/postfix/pftls-backups/20261206T231000Z/restore.sh'"
        #expect(LineBreaker.commandLines(command, width: 80) == [command])
        let lines = LineBreaker.commandLines(command, width: 30)
        #expect(lines.joined() == command, "nothing dropped or added: \(lines)")
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") && DisplayWidth.columns(of: $0) <= 30 }, "\(lines)")
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("/") }, "\(lines)")
    }

    @Test func aWordLongerThanTheLineIsCutAtTheEdge() {
        let lines = LineBreaker.lines("abcdefghijklmnopqrstuvwxyz", width: 10)
        #expect(lines == ["abcdefghij", "klmnopqrst", "uvwxyz"])
    }

    @Test func continuationLinesAreIndentedAndStillFit() {
        let lines = LineBreaker.lines("one two three four five six seven eight nine ten", width: 16, continuationIndent: 4)
        #expect(lines.first == "one two three")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && DisplayWidth.columns(of: $0) <= 16 }, "\(lines)")
    }

    @Test func leadingSpacesAreKept() {
        #expect(LineBreaker.lines("  対処：ファイルを確認してください。", width: 80) == ["  対処：ファイルを確認してください。"])
    }

    /// Random mixes of Japanese, ASCII words, numbers and punctuation at random widths.
    @Test func generatedTextKeepsEveryRule() {
        var random = SplitMix64(seed: 24)
        let pieces = ["証明書", "を", "確認", "します", "。", "、", "（", "）", "「", "」", "pftls", "smtpd_tls_cert_file", " ", " ", "ー", "ッ", "587", "は", "が", "ファイル", "/etc/postfix/main.cf", "です", "に", "ポート"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 5...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let width = Int.random(in: 8...80, using: &random)
            let lines = LineBreaker.lines(text, width: width)
            for line in lines where line.contains(where: { DisplayWidth.columns(of: $0) == 2 }) || line.contains(" ") {
                #expect(DisplayWidth.columns(of: line) <= width, "width \(width): \(line) in \(lines)")
            }
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "\(text) at \(width)")
        }
    }
}
