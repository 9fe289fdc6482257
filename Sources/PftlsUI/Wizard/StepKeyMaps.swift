import PftlsCore
/// The key map of each screen; the footer is generated from it.
extension WizardModel {
    /// Bindings in force on the current screen.
    public var keyMap: KeyMap {
        if let overlay {
            switch overlay {
            case .help: return KeyMap([KeyBinding([.escape, .enter, .character("q")], .back, label: "Esc", help: Catalog.text("word.close"))] + KeyMap.movement)
            case .confirmQuit: return KeyMap([KeyBinding([.character("y")], .activate, help: Catalog.text("word.quit")), KeyBinding([.character("n"), .escape], .back, label: "n/Esc", help: Catalog.text("word.stay"))])
            case .prompt: return KeyMap([KeyBinding([.enter], .activate, help: Catalog.text("word.save")), KeyBinding([.escape], .back, help: Catalog.text("word.cancel"))])
            }
        }
        return step.behaviour.keyMap(self)
    }
}
