import Testing
@testable import PftlsUI

@Suite struct KeyMapTests {
    @Test func theFooterNamesOnlyKeysThatDoSomething() {
        let map = KeyMap(KeyMap.common + KeyMap.movement)
        let footer = map.footer(width: 200)
        for binding in map.bindings where binding.inFooter {
            #expect(footer.contains("\(binding.label) \(binding.help)"))
            for key in binding.keys { #expect(map.action(for: key) != nil) }
        }
        #expect(map.action(for: .function(1)) == .help)
        #expect(map.action(for: .character("?")) == .help)
        #expect(map.action(for: .control("c")) == .quit)
        #expect(map.action(for: .character("z")) == nil)
    }

    @Test func theFooterIsCutToTheWidthKeepingNextHelpAndQuit() {
        let footer = KeyMap(KeyMap.common).footer(width: 30)
        #expect(ScreenBuffer.columns(of: footer) <= 30)
        #expect(footer == "F10 Next  F1/? Help  q Quit", "the step's other keys give way first: \(footer)")
        let wide = KeyMap(KeyMap.common).footer(width: 80)
        #expect(wide.hasPrefix("Enter OK") && wide.hasSuffix("q Quit"), "\(wide)")
        #expect(KeyMap(KeyMap.common).footer(width: 10).isEmpty || ScreenBuffer.columns(of: KeyMap(KeyMap.common).footer(width: 10)) <= 10)
    }

    @Test func textFieldEditing() {
        var field = TextField("/etc/postfx")
        _ = field.edit(.left)
        _ = field.edit(.character("i"))
        #expect(field.value == "/etc/postfix")
        _ = field.edit(.control("u"))
        #expect(field.value.isEmpty)
    }

    @Test func screenBufferEscapesControlCharactersAndWideCharacters() {
        var screen = ScreenBuffer(width: 10, height: 1)
        screen.put("a\u{1B}[2J", x: 0, y: 0)
        #expect(!screen.text.contains("\u{1B}"))
        var wide = ScreenBuffer(width: 6, height: 1)
        let end = wide.put("日本語", x: 0, y: 0)
        #expect(end == 6)
        #expect(wide.text == "日本語\n")
    }
}
