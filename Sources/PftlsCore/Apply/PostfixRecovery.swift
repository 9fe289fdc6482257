import Glibc

/// Brings a Postfix that was running back to running on the files now on disk: a
/// reload when its master is alive, a start when a reload stopped it (a master exits
/// at reload on a service it cannot set up).
struct PostfixRecovery {
    let processes: ProcessRunner
    let configDirectory: String
    /// Where the master's pid file is, when postfix-script cannot read the configuration.
    let queueDirectory: String

    /// The state Postfix was left in.
    enum Outcome: Equatable {
        /// The master was alive and reloaded the files on disk.
        case running
        /// The master had stopped and was started again.
        case restarted
        /// The master had stopped and could not be started: why.
        case down(reason: String)
    }

    /// Reloads or starts Postfix, whichever it needs, and says which it took.
    /// `confirming` false: the master is not watched for most of a second after the
    /// reload, for a caller whose next step checks it anyway (a change after a canary that
    /// passed: its own `postfix reload` fails on a master that has gone, and its rollback
    /// then starts Postfix again; a run that stops before that reload looks once instead,
    /// `Applier.postfixAfterCanary`).
    func bringBack(confirming: Bool = true) -> Outcome {
        let postfix = PostfixCommand(processes: processes)
        if isRunning {
            _ = postfix.run(configDirectory, subcommand: "reload")
            // `postfix reload` only signals the master; one that cannot carry the reload
            // out (or that was being stopped) exits moments later: it must stay up.
            if !confirming || staysRunning() { return .running }
        }
        let start = postfix.run(configDirectory, subcommand: "start")
        if start?.passed == true, isRunning { return .restarted }
        return .down(reason: start?.reason ?? Catalog.text("apply.postfixNotInstalled"))
    }

    /// True when the master runs, asked now.
    private var isRunning: Bool {
        MasterStatus.isRunning(configDirectory: configDirectory, processes: processes, queueDirectory: queueDirectory)
    }

    /// True when the master is still there at each of a few looks over most of a second.
    private func staysRunning() -> Bool {
        for _ in 0..<3 {
            usleep(250_000)
            guard isRunning else { return false }
        }
        return true
    }

    /// One sentence on `outcome` for the user: what is served now.
    func sentence(_ outcome: Outcome) -> String {
        switch outcome {
        case .running: Catalog.text("recovery.running")
        case .restarted: Catalog.text("recovery.restarted")
        case .down(let reason):
            Catalog.text("apply.rollback.notRunningStart", ["why": SafeText.escape(reason), "configDirectory": SafeText.escape(configDirectory)])
        }
    }
}
