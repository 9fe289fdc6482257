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
        return step.behaviour.keyMap(self)
    }
}
