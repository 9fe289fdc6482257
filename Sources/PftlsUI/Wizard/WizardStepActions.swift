/// What a step does with the actions its key map names: the step's own type decides.
extension WizardModel {
    mutating func stepAction(_ action: Action) -> [Effect] {
        step.behaviour.handle(action, in: &self)
    }
}
