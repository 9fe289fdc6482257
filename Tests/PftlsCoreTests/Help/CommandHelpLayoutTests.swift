import Testing
@testable import PftlsCore

/// `--help` laid out again by cells: rows aligned, descriptions within the width.
@Suite struct CommandHelpLayoutTests {
    /// What swift-argument-parser writes for a Japanese command: padded and wrapped by characters.
    static let parserOutput = """
    概要: 回答ファイルに従って Postfix に証明書をインストールします（バックアップ、検査、リロード、接続確認付き）。

    使い方: pftls apply --answers <FILE> [--config-dir <DIR>] [--passphrase-file <FILE>] [--dry-run] [--no-reload]

    サブコマンド:
      wizard (既定)        端末上で対話的に証明書をインストールします（既定のコマンド）。
      --passphrase-file <FILE>
                              鍵のパスフレーズを FILE（1 行目）から読み込みます。置き換えるものをバックアップし、
                              `postfix check` を実行してリロードします。
      -h, --help              ヘルプを表示します。
    """

    @Test func everyLineFitsAndDescriptionsStartInOneColumn() {
        let lines = CommandHelpLayout.layOut(Self.parserOutput).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines {
            #expect(DisplayWidth.columns(of: line) <= 80, "\(DisplayWidth.columns(of: line)) cells: \(line)")
        }
        let wizard = try! #require(lines.first { $0.hasPrefix("  wizard") })
        #expect(DisplayWidth.columns(of: String(wizard.prefix { $0 != "端" })) == CommandHelpLayout.descriptionColumn, "\(wizard)")
        let continuation = lines.drop { !$0.hasPrefix("  --passphrase-file") }.dropFirst()
        #expect(continuation.prefix(2).allSatisfy { $0.hasPrefix(String(repeating: " ", count: 26)) && !$0.hasPrefix(String(repeating: " ", count: 27)) })
        #expect(lines.contains { $0.contains("`postfix check`") })
        #expect(lines.contains("  -h, --help              ヘルプを表示します。"))
    }

    @Test func textThatFitsIsUnchanged() {
        let english = "OVERVIEW: Inspect a key.\n\nOPTIONS:\n  --json                  Print JSON.\n  -h, --help              Show help information.\n"
        #expect(CommandHelpLayout.layOut(english) == english)
    }

    @Test func labelledLinesStayApartWhenAParagraphIsBrokenAgain() {
        let error = "エラー：必要な引数 '--answers <FILE>' がありません。\nヘルプ：--answers <FILE>  回答ファイル（JSON）を指定します。\n使い方：pftls apply --answers <FILE> [--config-dir <DIR>] [--passphrase-file <FILE>] [--dry-run] [--no-reload] [--backup-dir <DIR>]"
        let lines = CommandHelpLayout.layOut(error).split(separator: "\n").map(String.init)
        #expect(lines.first == "エラー：必要な引数 '--answers <FILE>' がありません。")
        #expect(lines.contains { $0.hasPrefix("ヘルプ：") } && lines.contains { $0.hasPrefix("使い方：") }, "\(lines)")
        #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= 80 })
    }
}
