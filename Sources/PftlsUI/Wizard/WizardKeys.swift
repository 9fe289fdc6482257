import PftlsCore

/// The key map of each screen; the footer is generated from it.
extension WizardModel {
    /// Bindings in force on the current screen: the box over it, or its step's.
    public var keyMap: KeyMap {
        if let overlay {
            switch overlay {
            case .help: return KeyMap([KeyBinding([.escape, .enter, .character("q")], .back, label: "Esc", help: Catalog.text("word.close"))] + KeyMap.movement)
            // y quits, and so does Ctrl-C, as it does on every screen.
            case .confirmQuit: return KeyMap([KeyBinding([.character("y"), .control("c")], .activate, label: "y", help: Catalog.text("word.quit")), KeyBinding([.character("n"), .escape], .back, label: "n/Esc", help: Catalog.text("word.stay"))])
            case .prompt: return KeyMap([KeyBinding([.enter], .activate, help: Catalog.text("word.save")), KeyBinding([.escape], .back, help: Catalog.text("word.cancel"))])
            }
        }
        let step = current
        let map = step.keyMap(shared)
        return step.isTyping ? map.forTyping : map
    }
}

extension KeyMap {
    /// The bindings left where a text field has the keyboard: printable keys type, so
    /// bindings to them go (`q`, `?`, Files' `k`, Space); help and quit keep F1 and Ctrl-C,
    /// and the footer says so.
    var forTyping: KeyMap {
        KeyMap(bindings.compactMap { binding in
            let keys = binding.keys.filter { if case .character = $0 { false } else { true } }
            guard keys != binding.keys else { return binding }
            guard !keys.isEmpty else { return nil }
            return KeyBinding(keys, binding.action, help: binding.help, inFooter: binding.inFooter)
        })
    }
}
