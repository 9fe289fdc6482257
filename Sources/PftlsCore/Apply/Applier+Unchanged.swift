/// A run with nothing to change still makes sure the files in place are what is served: a
/// run killed after its writes and before a reload leaves new files that Postfix or Dovecot
/// never loaded, and running it again must finish the job, not say "nothing to change".
extension Applier {
    /// What each running server serves for each of `plan`'s proofs; where another certificate
    /// is served, reloads that server (Postfix, Dovecot) and proves the files are served.
    /// Returns the proofs made and the servers reloaded; throws `not-served` or `reload-failed`
    /// (nothing was written).
    func deployUnchanged(_ plan: ChangePlan, options: Options, say: (String) -> Void,
                         fail: (ApplyFailure.Code, String) -> ApplyFailure) throws(ApplyFailure) -> (proofs: [ApplyOutcome.Proof], reloaded: [String]) {
        var proofs: [ApplyOutcome.Proof] = []
        var reloaded: [String] = []
        if MasterStatus.isRunning(configDirectory: plan.configDirectory, processes: processes, queueDirectory: plan.queueDirectory) {
            let places = plan.probes.map { target in
                (service: target.service.rawValue, host: target.host, port: target.port, mode: target.mode,
                 label: Catalog.text("apply.probe.place", ["service": target.service.rawValue, "host": target.host, "port": "\(target.port)"]))
            }
            proofs += try deploy(places, proofs: plan.proofsOrDefault, plan: plan, options: options, say: say, fail: fail) { () throws(ApplyFailure) in
                if let reload = PostfixCommand(processes: processes).run(plan.configDirectory, subcommand: "reload"), !reload.passed {
                    throw fail(.reloadFailed, Catalog.text("apply.reloadFailed", ["configDirectory": SafeText.escape(plan.configDirectory), "reason": SafeText.escape(reload.reason)]))
                }
                say(Catalog.text("apply.log.reloaded"))
                reloaded.append("Postfix")
            }
        }
        if let dovecot = plan.dovecot, dovecot.isRunning {
            let places = dovecot.listeners.map { (service: "dovecot " + $0.name, host: $0.host, port: $0.port, mode: $0.mode, label: $0.label) }
            proofs += try deploy(places, proofs: plan.dovecotProofs.isEmpty ? [plan.defaultProof] : plan.dovecotProofs, plan: plan, options: options,
                                 say: say, fail: fail) { () throws(ApplyFailure) in
                guard case .reloaded = DovecotCommand(processes: processes, configFile: dovecot.configFile).reload() else {
                    throw fail(.reloadFailed, Catalog.text("apply.unchanged.dovecot-not-reloaded", ["file": SafeText.escape(dovecot.configFile)]))
                }
                say(Catalog.text("dovecot.apply.reloaded"))
                reloaded.append("Dovecot")
            }
        }
        return (proofs, reloaded)
    }

    /// True when the handshake failed before the server answered (not a refusal it gave,
    /// nor nothing listening).
    private static func failedUnanswered(_ result: ProbeResult) -> Bool {
        if case .failed(_, let answered, let unreachable) = result { return !answered && !unreachable }
        return false
    }

    /// Probes each of `places` for each of `proofs` once; when any serves another certificate,
    /// says so, runs `reload`, and proves every place again (until served, within the deadline).
    private func deploy(_ places: [(service: String, host: String, port: Int, mode: TLSProbeMode, label: String)], proofs: [ServeProof], plan: ChangePlan,
                        options: Options, say: (String) -> Void, fail: (ApplyFailure.Code, String) -> ApplyFailure,
                        reload: () throws(ApplyFailure) -> Void) throws(ApplyFailure) -> [ApplyOutcome.Proof] {
        var made: [ApplyOutcome.Proof] = []
        var stale: [String] = []
        for place in places {
            for proof in proofs {
                let result = probe.probe(host: place.host, port: place.port, mode: place.mode, serverName: proof.serverName, keyType: proof.keyType)
                if let leaf = proof.leaf, result.leaf.map({ !$0.isSame(as: leaf) }) == true { stale.append(place.label + proof.label) }
                made.append((place.service, place.host, place.port, proof, result))
            }
        }
        // No listener served anything and none answered: a server that loaded a key and a
        // certificate that do not match fails every handshake. One refusing for a reason of
        // its own (`ssl = no` for one protocol) leaves the others serving.
        if stale.isEmpty, !made.isEmpty, made.allSatisfy({ Self.failedUnanswered($0.result) }) { stale = made.map { $0.service } }
        guard !stale.isEmpty else { return made }
        say(Catalog.text("apply.unchanged.not-loaded", ["listeners": stale.joinedAsList()]))
        try reload()
        made = []
        for place in places {
            for proof in proofs {
                let result = probeUntilServed(host: place.host, port: place.port, mode: place.mode, proof: proof, deadline: options.probeDeadline)
                made.append((place.service, place.host, place.port, proof, result))
                if let problem = proofProblem(result, place: place.label + proof.label, proof: proof, plan: plan, log: "") { throw fail(.notServed, problem) }
                say(Self.served(proof, at: place.label + proof.label, result))
            }
        }
        return made
    }
}
