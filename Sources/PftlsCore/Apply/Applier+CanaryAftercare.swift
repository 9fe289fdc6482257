extension Applier {
    /// For a run that stops after a canary that passed but before its change's own reload
    /// (a Dovecot canary refused, a signal, a directory or staging failure): the canary's
    /// clean-up reload was not watched (`PostfixRecovery.bringBack(confirming: false)`), and
    /// no reload of the change follows to notice a master that has gone. One cheap look now,
    /// and Postfix brought back if it has gone. nil when it runs; else the sentence on what
    /// became of it, also said.
    func postfixAfterCanary(_ plan: ChangePlan, say: (String) -> Void) -> String? {
        guard !MasterStatus.isRunning(configDirectory: plan.configDirectory, processes: processes, queueDirectory: plan.queueDirectory) else {
            return nil
        }
        let recovery = PostfixRecovery(processes: processes, configDirectory: plan.configDirectory, queueDirectory: plan.queueDirectory)
        let sentence = recovery.sentence(recovery.bringBack())
        say(sentence)
        return sentence
    }
}
