/// The key map of each screen; the footer is generated from it.
extension WizardModel {
    /// Bindings in force on the current screen.
    public var keyMap: KeyMap {
        if let overlay {
            switch overlay {
            case .help: return KeyMap([KeyBinding([.escape, .enter, .character("q")], .back, label: "Esc", help: "Close")] + KeyMap.movement)
            case .confirmQuit: return KeyMap([KeyBinding([.character("y")], .activate, help: "Quit"), KeyBinding([.character("n"), .escape], .back, label: "n/Esc", help: "Stay")])
            case .prompt: return KeyMap([KeyBinding([.enter], .activate, help: "Save"), KeyBinding([.escape], .back, help: "Cancel")])
            }
        }
        switch step {
        case .start:
            let choose = canRenew ? [KeyBinding([.left, .right], .right, label: "←→", help: "Set up/Renew")] : []
            return KeyMap([KeyBinding([.enter], .activate, help: "Begin")] + choose + KeyMap.common.filter { $0.action != .activate && $0.action != .back })
        case .files:
            let assign = [KeyBinding([.character("k")], .assignKey, help: "Key"),
                          KeyBinding([.character("c")], .assignCertificate, help: "Cert"),
                          KeyBinding([.character("i")], .toggleIntermediate, help: "Interm."),
                          KeyBinding([.character("x")], .clearAssignment, help: "Clear", inFooter: false)]
            return KeyMap(KeyMap.movement.prefix(1) + KeyMap.common.prefix(2) + assign + KeyMap.common.dropFirst(2) + KeyMap.movement.dropFirst())
        case .levels, .services:
            return KeyMap(KeyMap.movement.prefix(1) + [KeyBinding([.character(" ")], .toggle, label: "Space", help: "Choose")]
                          + KeyMap.common + KeyMap.movement.dropFirst())
        case .review:
            return KeyMap([KeyBinding([.left], .left, label: "←→", help: "Action"), KeyBinding([.right], .right, help: "Action", inFooter: false),
                           KeyBinding([.up], .up, label: "↑↓", help: "Scroll"), KeyBinding([.down], .down, help: "Scroll", inFooter: false)] + KeyMap.common
                          + [KeyBinding([.pageUp], .pageUp, help: "Page up", inFooter: false), KeyBinding([.pageDown], .pageDown, help: "Page down", inFooter: false)])
        case .result:
            return KeyMap([KeyBinding([.enter, .character("q")], .quit, label: "Enter/q", help: "Exit"),
                           KeyBinding([.up], .up, label: "↑↓", help: "Scroll"), KeyBinding([.down], .down, help: "Scroll", inFooter: false),
                           KeyBinding([.pageUp], .pageUp, label: "PgUp/PgDn", help: "Page"), KeyBinding([.pageDown], .pageDown, help: "Page", inFooter: false)])
        case .directory:
            // Tab completes the path (the text field takes it before the key map).
            return KeyMap(KeyMap.common.map { $0.action == .focusNext ? KeyBinding([.tab], .focusNext, label: "Tab", help: "Complete") : $0 }
                          .filter { $0.action != .focusPrevious })
        case .passphrase:
            // One field and no buttons: nothing to move between.
            return KeyMap(KeyMap.common.filter { $0.action != .focusNext && $0.action != .focusPrevious })
        }
    }
}
