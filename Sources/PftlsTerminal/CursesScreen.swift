import CCursesShim
import CNCurses
import PftlsUI

/// The ncurses session: set-up, drawing a screen buffer, and restoring the terminal.
///
/// Only the cells that changed since the last frame are handed to ncurses, which
/// in turn sends the terminal only what differs: moving a list cursor costs a few
/// hundred bytes, not a full repaint.
final class CursesScreen {
    private var previous: ScreenBuffer?
    private let colors: Bool
    private(set) var isOpen = false

    /// Opens the screen. `colors` is honoured only when the terminal has colours.
    init(useColors: Bool) {
        initscr()
        isOpen = true
        // Each frame goes out in one write: by default ncurses flushes every few lines
        // to look for typeahead, a packet each over a slow SSH link.
        typeahead(-1)
        raw()
        noecho()
        nonl()
        keypad(pftls_stdscr(), true)
        // How long a lone Esc waits for the rest of an arrow key's sequence: over a slow SSH
        // link, mosh or a serial console the bytes of one key can arrive tens of ms apart,
        // and a split arrow must not be read as Esc (Back) followed by typed text.
        set_escdelay(150)
        // Keys are read only after poll() says the terminal has input: never block here.
        wtimeout(pftls_stdscr(), 0)
        curs_set(0)
        colors = useColors && has_colors()
        if colors {
            start_color()
            use_default_colors()
            let palette: [(Style.Role, Int16)] = [(.title, Int16(COLOR_CYAN)), (.accent, Int16(COLOR_CYAN)), (.ok, Int16(COLOR_GREEN)),
                                                 (.warning, Int16(COLOR_YELLOW)), (.error, Int16(COLOR_RED)), (.dim, Int16(COLOR_BLUE))]
            for (role, color) in palette { init_pair(Int16(role.rawValue), color, -1) }
        }
    }

    /// The terminal's size now.
    var size: (width: Int, height: Int) { (Int(getmaxx(pftls_stdscr())), Int(getmaxy(pftls_stdscr()))) }

    /// Draws `screen`, touching only changed cells, then refreshes. Neighbouring changed
    /// ASCII cells of one style go to ncurses as one string of bytes.
    func draw(_ screen: ScreenBuffer) {
        let full = previous == nil || previous!.width != screen.width || previous!.height != screen.height
        if full { werase(pftls_stdscr()) }
        var run = StyledRun()
        run.bytes.reserveCapacity(4 * screen.width)
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                let utf8 = cell.text.utf8
                // The second half of a wide character: it is drawn with the first.
                if utf8.isEmpty { continue }
                if !full, let previous, previous[x, y] == cell {
                    put(&run, y: y)
                    continue
                }
                // Only ASCII joins a run: any other character is placed at its own cell, so a
                // width ncurses counts differently cannot shift the rest of the row.
                let ascii = utf8.count == 1
                if run.style != cell.style || !ascii { put(&run, y: y) }
                if run.bytes.isEmpty { (run.start, run.style) = (x, cell.style) }
                run.bytes.append(contentsOf: utf8)
                if !ascii { put(&run, y: y) }
            }
            put(&run, y: y)
        }
        wattrset(pftls_stdscr(), 0)
        wrefresh(pftls_stdscr())
        previous = screen
    }

    /// Changed cells side by side in one style, waiting to be drawn; the buffer is kept
    /// from run to run.
    private struct StyledRun {
        var start = 0
        var style: Style?
        var bytes: [UInt8] = []
    }

    /// Draws `run` (if it holds anything) on row `y` and empties it.
    private func put(_ run: inout StyledRun, y: Int) {
        if !run.bytes.isEmpty, let style = run.style {
            wattrset(pftls_stdscr(), attributes(style))
            _ = run.bytes.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { mvwaddnstr(pftls_stdscr(), Int32(y), Int32(run.start), $0.baseAddress, Int32($0.count)) }
            }
        }
        run.bytes.removeAll(keepingCapacity: true)
        run.style = nil
    }

    /// Forgets the last frame so the next one is drawn whole (after a resize).
    func invalidate() {
        previous = nil
        clearok(pftls_stdscr(), true)
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
    }

    private func attributes(_ style: Style) -> Int32 {
        var value: Int32 = 0
        if style.bold { value |= pftls_attr_bold() }
        if style.reverse { value |= pftls_attr_reverse() }
        if style.underline { value |= pftls_attr_underline() }
        if colors && style.role != .normal { value |= pftls_color_pair(Int32(style.role.rawValue)) }
        else if style.role == .dim && !style.reverse { value |= pftls_attr_dim() }
        return value
    }
}
