import CCursesShim
import CNCurses
import PftlsUI

/// Turns what `wget_wch` returns into a `Key`, or a resize.
enum CursesKeys {
    enum Input: Equatable {
        case key(Key)
        case resize
        case none
    }

    /// Reads one key if one is waiting; `.none` at once otherwise.
    static func read() -> Input {
        var character: wint_t = 0
        let result = wget_wch(pftls_stdscr(), &character)
        if result == ERR { return .none }
        if result == KEY_CODE_YES { return special(Int32(character)) }
        return plain(UInt32(character))
    }

    private static func special(_ code: Int32) -> Input {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_RESIZE: return .resize
        default:
            for number in 1...12 where code == pftls_key_f(Int32(number)) { return .key(.function(number)) }
            return .none
        }
    }

    private static func plain(_ value: UInt32) -> Input {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(UnicodeScalar(value + 96)!)))
        default:
            guard let scalar = UnicodeScalar(value), value >= 32 else { return .none }
            return .key(.character(Character(scalar)))
        }
    }
}
