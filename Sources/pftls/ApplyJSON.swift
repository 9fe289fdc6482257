import FoundationEssentials
import Glibc
import PftlsCore

/// The `--json` result of `apply` (and `renew`): one object on standard output, for
/// Ansible and other tools. Keys are stable; `message` texts follow the language.
///
/// `{"changed", "dryRun", "ok", "steps", "findings", "diffs", "backupDirectory",
///   "rollbackCommand", "probes", "error", "code"}`, and `"skipped"` when `renew`, as certbot's
/// deploy hook, left another service's lineage alone. `code` is there when the error has
/// a stable code (`CodedError`), as a finding has.
struct ApplyJSON: Encodable {
    struct Probe: Encodable {
        let service: String
        let host: String
        let port: Int
        /// The key type the client accepted, when the listener serves several; nil: any.
        let keyType: String?
        /// The SNI name sent; nil: none (the default pairs).
        let serverName: String?
        let served: String?
        let error: String?

        /// What `result` says about `service` on `host`:`port` for a client of `proof`'s name and key type.
        init(service: String, host: String, port: Int, proof: ServeProof?, result: ProbeResult) {
            self.service = service
            self.host = host
            self.port = port
            keyType = proof?.keyType?.rawValue
            serverName = proof?.serverName
            served = result.leaf?.sha256FingerprintText
            error = if case .failed(let reason, _, _) = result { reason } else { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(service, forKey: .service)
            try container.encode(host, forKey: .host)
            try container.encode(port, forKey: .port)
            try container.encode(keyType, forKey: .keyType)
            try container.encode(serverName, forKey: .serverName)
            try container.encodeIfPresent(served, forKey: .served)
            try container.encodeIfPresent(error, forKey: .error)
        }

        private enum CodingKeys: String, CodingKey { case service, host, port, keyType, serverName, served, error }
    }

    var ok = true
    var changed = false
    var dryRun = false
    var steps: [String] = []
    var findings: [Finding] = []
    /// The diff of every file the plan changes (key material never shown), by path.
    var diffs: [String: String] = [:]
    var backupDirectory: String?
    var rollbackCommand: String?
    var probes: [Probe] = []
    var log: [String] = []
    var error: String?
    /// The stable code of `error`, when it has one (`config-not-found`, `nothing-to-renew`, a stop's `not-served`).
    var code: String?
    /// Why nothing was planned: the lineage certbot renewed is not Postfix's.
    var skipped: String?

    /// The parts a plan gives, before anything is applied.
    init(plan: ChangePlan, dryRun: Bool) {
        self.dryRun = dryRun
        steps = plan.steps
        findings = plan.findings
        ok = !plan.hasErrors
        changed = !plan.isNoOp && !plan.hasErrors
        for file in plan.changedFiles { diffs[file.path] = file.diff }
        // A refused plan stopped the command: it says so as any stop does, with the first error's code.
        if let first = plan.findings.first(where: { $0.severity == .error }) {
            error = Catalog.text("apply.json.refused", ["count": "\(plan.findings.filter { $0.severity == .error }.count)"])
            code = first.code.rawValue
        }
    }

    /// The result of a command that stopped on `failure` before it planned anything.
    init(failure: any CodedError) {
        ok = false
        error = failure.reason
        code = failure.codeName
    }

    /// The result of a renewal that was skipped, saying why.
    init(skipped reason: String) {
        skipped = reason
    }

    /// Adds what the apply did.
    mutating func record(_ outcome: ApplyOutcome) {
        changed = outcome.changed
        backupDirectory = outcome.backupDirectory
        rollbackCommand = outcome.rollbackCommand
        log = outcome.log
        probes = outcome.proofs.map { Probe(service: $0.service, host: $0.host, port: $0.port, proof: $0.proof, result: $0.result) }
    }

    /// Adds why the apply failed (and whether it rolled back).
    /// A dry run that the real run would refuse before writing.
    mutating func refuse(_ reason: String) {
        ok = false
        changed = false
        error = reason
    }

    mutating func record(_ failure: ApplyFailure) {
        ok = false
        changed = false
        error = failure.description
        code = failure.code.description
        log = failure.log
    }

    /// Sorted, pretty JSON.
    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
