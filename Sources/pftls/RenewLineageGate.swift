import PftlsCore

extension RenewCommand {
    /// As certbot's deploy hook: true when `renewed` is this Postfix's lineage (said in one
    /// line), false when it is another service's, which is skipped with a line saying why and
    /// exit status 0, so certbot does not count the skip as a failure. `inUse` is the set-up
    /// in force (nil when there is none: then only myhostname and `--name` are names in use).
    func admits(_ renewed: CertbotLineage, inUse: RenewalPlanner.InForce?,
                hostname: String?, inspector: Inspector) -> Bool {
        let verdict = renewed.verdict(configured: lineage,
                                      filesInUse: inUse.map { [$0.answers.certificate, $0.keyFile] } ?? [],
                                      names: NamesInUse(leaf: inUse?.leaf, hostname: hostname, others: names),
                                      leaf: inspector.inspect(paths: [renewed.request.certificate]).leaf)
        let line = verdict.line(lineage: renewed)
        if change.json {
            if !verdict.installs { print(ApplyJSON(skipped: line).render(), terminator: "") }
        } else {
            print(line)
        }
        return verdict.installs
    }
}
