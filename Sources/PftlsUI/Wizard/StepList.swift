extension WizardModel {
    /// The wizard's steps, in order: the step bar's order and Next's. Besides each step's
    /// own file, this is the one place a step is named; a new step is added here.
    static func stepList(_ context: WizardContext) -> [any WizardStep] {
        [StartStep(), RequestStep(), DirectoryStep(context: context), FilesStep(), PassphraseStep(), LevelsStep(), ServicesStep(),
         ReviewStep(), ResultStep()]
    }
}
