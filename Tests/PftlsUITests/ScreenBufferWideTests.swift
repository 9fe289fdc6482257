import Testing
import PftlsCore
@testable import PftlsUI

/// Wide characters take two columns and are never cut in half.
@Suite struct ScreenBufferWideTests {
    @Test func aBoxDrawnOverJapaneseKeepsEveryColumnInPlace() {
        var screen = ScreenBuffer(width: 10, height: 1)
        screen.put("受信メール", x: 0, y: 0)
        #expect(screen.text == "受信メール\n")
        screen.put("│", x: 3, y: 0) // over the right half of 信
        #expect(screen.text == "受 │メール\n", "the left half of 信 becomes a space")
        #expect(ScreenBuffer.columns(of: String(screen.text.dropLast())) == 10)
        screen.put("x", x: 4, y: 0) // over the left half of メ
        #expect(screen.text == "受 │x ール\n")
    }

    @Test func wrappingBreaksJapaneseBetweenCharactersByDisplayWidth() {
        let pieces = WrappedText.lines("秘密鍵とサーバー証明書が一致しません。別の鍵を選んでください。", width: 20)
        #expect(pieces.count > 1)
        for piece in pieces { #expect(DisplayWidth.columns(of: piece) <= 20, "\(piece)") }
        #expect(pieces.joined().replacingOccurrences(of: " ", with: "") == "秘密鍵とサーバー証明書が一致しません。別の鍵を選んでください。")
    }
}
