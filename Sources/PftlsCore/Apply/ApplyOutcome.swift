/// What `apply` did, for the summary screen and the command line.
public struct ApplyOutcome {
    /// False when the plan changed nothing ("nothing to change").
    public let changed: Bool
    /// Where the replaced files were saved, when anything was replaced.
    public let backupDirectory: String?
    /// The shell command that puts everything back.
    public let rollbackCommand: String?
    /// Progress lines, in order.
    public var log: [String]
    /// Every proof made after the reload: each listener with each name and key type the
    /// change must serve, Dovecot's too.
    public var proofs: [Proof] = []
    /// The servers ("Postfix", "Dovecot") a run with nothing to write reloaded, because they
    /// had not loaded the files in place (a run that stopped before its reload).
    public var reloaded: [String] = []

    /// One proof: the listener (service, host, port), what it must serve, and what it served.
    public typealias Proof = (service: String, host: String, port: Int, proof: ServeProof, result: ProbeResult)
}

/// Why `apply` stopped. When files had been written, they were restored.
public struct ApplyFailure: Error, CustomStringConvertible {
    /// What stopped the run.
    public let code: Code
    /// What went wrong, naming the file or listener.
    public let reason: String
    /// True when a rollback was attempted (files had been written).
    public let rolledBack: Bool
    /// Progress lines up to the failure.
    public var log: [String]
    /// What the rollback could not put back; empty when every file was restored.
    public var restoreProblems: [String] = []
    /// What became of Postfix after the rollback ("Postfix was started again ..."), when it matters.
    public var postfixNote: String? = nil
    /// The signal (SIGINT, SIGTERM, SIGHUP) that stopped the apply, when one did.
    public var signal: Int32? = nil

    public var description: String {
        var sentences = [reason]
        if rolledBack {
            sentences.append(restoreProblems.isEmpty ? Catalog.text("apply.outcome.restored")
                : Catalog.text("apply.outcome.notRestored", ["problems": restoreProblems.joined(separator: Catalog.text("clause.separator"))]))
        }
        if let postfixNote { sentences.append(postfixNote) }
        return sentences.joinedAsSentences()
    }
}
