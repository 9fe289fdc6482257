/// Where the plan proves its work after a reload: one listener per chosen service.
public struct ProbeTarget: Equatable, Sendable {
    public let service: Answers.ServiceName
    /// The address to connect to (loopback for a wildcard listener).
    public let host: String
    public let port: Int
    public let mode: TLSProbeMode
}

/// The reviewed change set: the files to write, in order, the findings, and the
/// listeners to probe afterwards. Building it touches nothing.
public struct ChangePlan {
    public let answers: Answers
    /// The layout actually used (answers, or the default for this Postfix).
    public let layout: Answers.Layout
    /// The Postfix configuration directory the plan edits.
    public let configDirectory: String
    /// Set when the certificate directory must be created first.
    public let directoryToCreate: String?
    /// Key/certificate files first, then main.cf, then master.cf.
    public let files: [PlannedFile]
    /// Everything found while planning, inspection findings included.
    public internal(set) var findings: [Finding]
    /// Listeners to probe after the reload.
    public let probes: [ProbeTarget]
    /// The leaf certificate Postfix should serve afterwards.
    public let leaf: Certificate?
    /// What Postfix said about the configuration before the change, when it was asked.
    public var baseline: ConfigBaseline? = nil
    /// The chain as it is installed, leaf first: what every listener must serve.
    public var chain: [Certificate] = []
    /// What each listener must serve afterwards, per key type and SNI name.
    public var proofs: [ServeProof] = []
    /// The SNI map whose entries the change installs (edited or created), nil when none.
    public var sniMap: SNIMapReference? = nil
    /// The indexed SNI maps `postmap -F` updates after the files are written.
    public var sniRebuilds: [SNIMapUpdate] = []
    /// Maps among `sniRebuilds` whose database is older than their files already: the
    /// change is not a no-op even when every file is as planned (an earlier run was stopped).
    public var staleSNIDatabases: [SNIMapReference] = []
    /// chain-file layout: `smtpd_tls_chain_files` after the change, in order.
    public var chainFiles: [String] = []
    /// The Dovecot instance the change covers as well, nil when it covers none.
    public var dovecot: DovecotInstallation? = nil
    /// What Postfix says about the new main.cf and master.cf, asked while the plan waited
    /// for the current configuration's answer (`PlanBuilder.stagingEarly`); nil: asked when checked.
    var stagedComplaints: AskedOnce<StagedCheck.Staged>? = nil
    /// Each of Dovecot's pairs the change writes: its files, whether it is the alternate, and
    /// what Dovecot's listeners must serve from it (with its key type when Dovecot serves two).
    public var dovecotPairs: [DovecotPlannedPair] = []
    /// What Dovecot's listeners must serve after the change; empty: the default proof.
    public var dovecotProofs: [ServeProof] { dovecotPairs.map(\.proof) }
    /// The Dovecot that was read for the change, covered or not (the wizard offers it).
    public var dovecotFound: DovecotInstallation? = nil
    /// Where main.cf, as the plan read it, puts Postfix's queue (the master's pid file is under it).
    public var queueDirectory = TLSSetupInForce.standardQueueDirectory
    /// Key files the change makes redundant (a promoted staged next key): saved with the
    /// key backups before anything changes, so that a rollback puts them back, and removed
    /// once the change has succeeded.
    public var retiredKeyFiles: [String] = []

    /// What a client with no SNI and no preference must be served: the installed chain.
    public var defaultProof: ServeProof { ServeProof(serverName: nil, keyType: nil, chain: chain.isEmpty ? leaf.map { [$0] } ?? [] : chain) }

    /// The proofs to make after the reload: the plan's, else the default one.
    public var proofsOrDefault: [ServeProof] { proofs.isEmpty ? [defaultProof] : proofs }

    /// True when main.cf or master.cf changes (else `postfix check` has nothing new to read).
    public var changesPostfixConfig: Bool { changedFiles.contains { $0.role == .mainConfig || $0.role == .masterConfig } }

    /// True when any finding is an error: the plan must not be applied.
    public var hasErrors: Bool { findings.hasErrors }

    /// The files that differ from what is on disk.
    public var changedFiles: [PlannedFile] { files.filter(\.changes) }

    /// True when applying would change nothing.
    public var isNoOp: Bool { changedFiles.isEmpty && directoryToCreate == nil && staleSNIDatabases.isEmpty }

    /// The ordered operations as one line each, for review screens and --dry-run.
    public var steps: [String] {
        var steps: [String] = []
        if let directory = directoryToCreate { steps.append(Catalog.text("plan.createDirectory", ["directory": "\(SafeText.escape(directory))"])) }
        let replaced = changedFiles.filter(\.exists)
        if !replaced.isEmpty {
            steps.append(Catalog.text("plan.backUp", ["files": replaced.map { SafeText.escape($0.path) }.joinedAsList()]))
        }
        for file in changedFiles {
            let owner = file.ownedByRoot ? "root:root" : Catalog.text("plan.ownerKept")
            let verb = file.exists ? (file.isConfig ? "edit" : "replace") : "install"
            steps.append(Catalog.text("plan.step.\(verb)", ["path": SafeText.escape(file.path), "purpose": file.purpose, "owner": owner,
                                                           "mode": String(file.mode, radix: 8)]))
        }
        return steps
    }
}
