import PftlsCore

extension RenewCommand {
    /// As certbot's deploy hook: true when `renewed` is this Postfix's lineage (said in one
    /// line), false when it is another service's, which is skipped with a line saying why and
    /// exit status 0, so certbot does not count the skip as a failure. `inUse` is the set-up
    /// in force (nil when there is none: then only myhostname and `--name` are names in use);
    /// the SNI entries of `presentation` are in use too (their names and files).
    func admits(_ renewed: CertbotLineage, inUse: RenewalPlanner.InForce?, presentation: ServerPresentation? = nil,
                hostname: String?, inspector: Inspector) -> Bool {
        let entries = presentation?.maps.filter { $0.service == nil }.flatMap { $0.source?.entries ?? [] } ?? []
        let filesInUse = (inUse.map { [$0.answers.certificate, $0.keyFile] } ?? []) + entries.flatMap(\.files)
        let leaf = inspector.inspect(paths: [renewed.request.certificate]).leaf
        // The pair this lineage would replace, and the lineage the ledger says it came from.
        let replaced = presentation.flatMap { replacedPair(by: leaf, presentation: $0, hostname: hostname) }
        let recorded = replaced.flatMap { change.state.ledger?.recordedCertbotLineage(configDirectory: change.configDirectory.path, files: $0.files) }
        let verdict = renewed.verdict(configured: lineage, filesInUse: filesInUse,
                                      names: NamesInUse(leaf: inUse?.leaf, hostname: hostname,
                                                        others: names + entries.map { ServeProof.serverName(forMapKey: $0.name) }),
                                      leaf: leaf, recorded: recorded, installed: replaced?.leaf)
        let line = verdict.line(lineage: renewed)
        if change.json {
            if !verdict.installs { print(ApplyJSON(skipped: line).render(), terminator: "") }
        } else {
            print(line)
        }
        return verdict.installs
    }

    /// The default pair of `leaf`'s key type, which a renewal with it replaces; nil when it
    /// renews SNI entries (each entry's own source is not weighed here) or there is none.
    private func replacedPair(by leaf: Certificate?, presentation: ServerPresentation, hostname: String?) -> PresentedPair? {
        guard let leaf, RenewalSlot.choose(leaf: leaf, hostname: hostname, explicitNames: sniNames, presentation: presentation) == .defaultPair else { return nil }
        return presentation.pairs.first { $0.keyType == ServerKeyType(leaf.keyAlgorithm) }
    }
}
