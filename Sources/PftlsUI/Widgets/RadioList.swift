/// How the keys move through a radio list, alike on every screen (as whiptail's and
/// dialog's): ↑↓ step through the options and on to the next or previous field at
/// either end, ←→ stay within the list, Space chooses the highlighted option. The
/// highlight is not the choice: moving never changes what is chosen.
enum RadioList {
    /// The option ↑↓ highlight after `cursor` among `count`, or nil when the move
    /// leaves the list (the focus goes to the next or previous field).
    static func step(_ cursor: Int, by delta: Int, count: Int) -> Int? {
        let target = cursor + delta
        return (0..<count).contains(target) ? target : nil
    }

    /// The option ←→ highlight after `cursor`, kept within the list.
    static func along(_ cursor: Int, by delta: Int, count: Int) -> Int {
        max(0, min(count - 1, cursor + delta))
    }

    /// Where the highlight starts in a list the focus enters by ↑↓: its first option
    /// from above, its last from below.
    static func entry(by delta: Int, count: Int) -> Int { delta > 0 ? 0 : count - 1 }
}
