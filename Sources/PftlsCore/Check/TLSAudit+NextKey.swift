extension TLSAudit {
    /// The staged next keys of the set-up in force (`NextKeyFile.candidates`), and a
    /// `next-key-unusable` finding for each staged file that cannot be used.
    func stagedNextKeys(_ setup: TLSSetupInForce, pairs: [PresentedPair], configDirectory: String) -> (keys: [StagedNextKey], findings: [Finding]) {
        let found = NextKeyStore(fileSystem: fileSystem).staged(NextKeyFile.candidates(pairs: pairs, setup: setup, configDirectory: configDirectory))
        // A staged key that is the key in use already (a renewal named it with --key) stages nothing.
        let inUse = found.keys.filter { key in pairs.contains { $0.leaf.map(key.isKey(of:)) == true } }
        return (found.keys.filter { key in !inUse.contains { $0.path == key.path } },
                found.problems.map { NextKeyAudit.unusable(path: $0.path, problem: $0.problem, configDirectory: configDirectory) }
                    + inUse.map { NextKeyAudit.unusable(path: $0.path, problem: NextKeyStore.Problem.inUse($0.path), configDirectory: configDirectory) })
    }

    /// `NextKeyAudit`'s findings: every chain of the default pairs and the SNI entries, on
    /// disk and as the probes saw it, counts as in use; `chains` gives what a DANE sender
    /// gets for a name.
    func nextKeyFindings(_ staged: [StagedNextKey], lookups: MailDNSCheck.Lookups, pairs: [PresentedPair], maps: [SNIMapReport],
                         probes: [ListenerProbe], chains: (String) -> [PresentedChain]) -> [Finding] {
        let onDisk = (pairs + maps.flatMap(\.entries).flatMap(\.pairs)).map { $0.report.chain.map(\.certificate) }
        let served = probes.compactMap { $0.result?.chain }
        return NextKeyAudit(staged: staged, inUse: onDisk + served).findings(lookups.publications) { chains($0).map(\.chain) }
    }
}
