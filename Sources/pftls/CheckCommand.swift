import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `pftls check`: is the TLS set-up in force healthy, and is the certificate on disk the one being served?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: Catalog.text("cli.check.abstract"),
        discussion: Catalog.text("cli.check.discussion")
    )

    @OptionGroup var configDirectory: ConfigDirectoryOption

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.check.jsonHelp")))
    var json = false

    @Option(name: .long, help: ArgumentHelp(Catalog.text("check.format.help"), valueName: "FORMAT"))
    var format: CheckFormat = .text

    @OptionGroup var expiry: ExpiryOptions

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.check.noProbeHelp")))
    var noProbe = false

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("names.option.help"), valueName: "NAME"))
    var names: [String] = []

    @Option(name: .long, help: ArgumentHelp(Catalog.text("check.report-file.help"), valueName: "FILE"), transform: AbsolutePath.of)
    var reportFile: String?

    @Option(name: .long, help: ArgumentHelp(Catalog.text("check.metrics-file.help"), valueName: "FILE"), transform: AbsolutePath.of)
    var metricsFile: String?

    @OptionGroup var dns: ResolverOptions

    @OptionGroup var privateCA: PrivateCAOption

    @OptionGroup var dovecot: DovecotOptions

    @OptionGroup var state: StateDirectoryOption

    @OptionGroup var certbotDirectory: CertbotDirectoryOption

    func run() throws {
        var audit = TLSAudit()
        audit.privateCA = privateCA.privateCA
        audit.deployment = DeploymentAudit(ledger: state.ledger, certbot: certbotDirectory.scan)
        audit.deployment?.dovecotOptions = dovecot.words
        var report = audit.run(configDirectory: configDirectory.path, expiry: expiry.thresholds,
                               probing: !noProbe, names: names, dns: dns.dnsCheck(),
                               dovecot: dovecot.situation(answers: nil, postfixConfigDirectory: configDirectory.path, processes: SystemProcessRunner()))
        // One set of metrics (one check time) for the file and standard output; a file that
        // cannot be written is a finding in every format, the report file's too.
        let metrics = metricsFile != nil || format == .prometheus ? CheckMetrics(report, configDirectory: configDirectory.path).text : ""
        if let problem = metricsFile.flatMap({ CheckMetricsFile(path: $0).write(metrics) }) { report = report.adding([problem]) }
        if let reportFile { try write(CheckText.render(report), to: reportFile) }
        // One verdict for every format; each exits by its own convention.
        let verdict = report.verdict
        switch json ? .json : format {
        case .text: print(CheckText.render(report), terminator: "")
        case .json: print(CheckJSON.render(report), terminator: "")
        case .prometheus: print(metrics, terminator: "")
        case .nagios:
            print(NagiosLine(report).text)
            throw ExitCode(verdict.pluginExitStatus)
        }
        if verdict.exitStatus != 0 { throw ExitCode(verdict.exitStatus) }
    }

    /// `--report-file`: the report for people, beside whatever the format prints, so that one
    /// run (one set of probes) gives both; exit 2 before anything is printed when it cannot be
    /// written (a plugin's UNKNOWN line and exit 3 with `--format nagios`).
    private func write(_ text: String, to file: String) throws {
        do { try AtomicFileWriter().write(Array(text.utf8), to: file, mode: 0o644) } catch {
            let message = Catalog.text("check.report-file.failed", ["reason": error.description])
            StandardStreams.writeError(message + "\n")
            guard format == .nagios && !json else { throw ExitCode(2) }
            print(NagiosLine.unknown(message))
            throw ExitCode(CheckVerdict.unknown.pluginExitStatus)
        }
    }

    /// True when `arguments` (the command line after `pftls`) ask `check` for a Nagios
    /// line: a usage error then exits 3 (UNKNOWN) with a plugin line, not 2 (CRITICAL).
    /// As the parser reads them: options end at `--`, `--json` wins, the last `--format`
    /// counts; its value in any case (a misspelt case is itself the usage error).
    static func asksForNagios(_ arguments: [String]) -> Bool {
        guard arguments.first == "check" else { return false }
        let options = Array(arguments.prefix { $0 != "--" })
        guard !options.contains("--json") else { return false }
        var format: String?
        for (index, option) in options.enumerated() {
            if option.hasPrefix("--format=") { format = String(option.dropFirst("--format=".count)) }
            if option == "--format", index + 1 < options.count { format = options[index + 1] }
        }
        return format?.lowercased() == CheckFormat.nagios.rawValue
    }
}

/// How `check` prints its report.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people.
    case text
    /// The same as --json.
    case json
    /// One Nagios/Icinga plugin line with perfdata; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    case nagios
    /// The Prometheus text exposition format, for node_exporter's textfile collector; exits as text.
    case prometheus
}

/// The check report for people: files, services, probes, findings.
enum CheckText {
    static func render(_ report: TLSAudit.Report) -> String {
        var lines = [(report.filesInUse.isEmpty ? Catalog.text("status.noFilesInUse") : Catalog.text("status.filesInUse", ["files": report.filesInUse.map(SafeText.escape).joinedAsList()]))]
        if let leaf = report.leaf {
            lines.append(Catalog.text("check.certificate", ["subject": "\(leaf.subject)", "notAfter": "\(UTCTimestamp.format(leaf.notAfter))", "sha256": "\(leaf.sha256FingerprintText)"]))
            lines.append(CertificateLifetime(leaf).checkLine(report.expiry))
        }
        lines += CheckPresentationText.keys(report.pairs) + CheckPresentationText.maps(report.sniMaps)
        lines.append(Catalog.text("report.services"))
        // One column for the names, as wide as the longest (`[2001:db8::25]:submission`).
        let nameWidth = report.services.map { DisplayWidth.columns(of: SafeText.escape($0.name)) }.reduce(22, max)
        for service in report.services {
            let probe = defaultSummary(of: service, in: report)
            lines.append("  \(DisplayWidth.pad(SafeText.escape(service.name), to: nameWidth)) \(DisplayWidth.pad(service.mode.label, to: 18)) \(probe)")
            if let names = CheckPresentationText.sniProbes(of: service, in: report.listenerProbes) { lines.append(names) }
        }
        if let dovecot = report.dovecot, let installation = dovecot.installation {
            lines.append(Catalog.text("dovecot.check.listeners", ["file": SafeText.escape(installation.configFile), "version": "\(installation.settings.version)"]))
            for listener in installation.listeners {
                let probes = dovecot.probes.filter { $0.listener == listener }
                guard !probes.isEmpty else {
                    lines.append("  \(DisplayWidth.pad(listener.label, to: 41)) \(summary(nil, leaf: dovecot.leaf))")
                    continue
                }
                // Serving two key types, each is shown with its own: a stale alternate is not hidden by the first pair.
                for probe in probes {
                    let label = listener.label + (dovecot.servesTwoKeyTypes ? " (\(ServerKeyType(probe.leaf.keyAlgorithm)?.rawValue ?? "?"))" : "")
                    lines.append("  \(DisplayWidth.pad(label, to: 41)) \(summary(probe.result, leaf: probe.leaf))")
                }
            }
        }
        lines.append(Catalog.text("report.findings", ["counts": FindingsText.counts(report.findings)]))
        lines += FindingsText.lines(report.findings)
        lines.append(Catalog.text("check.result.\(report.verdict.rawValue.lowercased())"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the probes of `service` without SNI showed, each against its own key type's
    /// leaf: the first that failed or served another leaf, else the first made.
    private static func defaultSummary(of service: ServiceTLS, in report: TLSAudit.Report) -> String {
        let made = report.listenerProbes.filter { $0.service == service && $0.serverName == nil && $0.result != nil }
        guard let pick = made.first(where: { $0.servesItsFiles == false }) ?? made.first else {
            return summary(report.probes.first { $0.service == service }?.result, leaf: report.leaf)
        }
        return summary(pick.result, leaf: pick.expected.first)
    }

    /// What a listener's probe showed, against the leaf on disk.
    private static func summary(_ result: ProbeResult?, leaf: Certificate?) -> String {
        switch result {
        case .served(let chain)?:
            chain.first.map { $0.isSame(as: leaf ?? $0) ? Catalog.text("check.listener.servesOnDisk") : Catalog.text("check.listener.servesAnother") } ?? ""
        case .failed(let reason, _, _)?: Catalog.text("check.listener.handshakeFailed", ["reason": reason])
        case nil: Catalog.text("check.listener.notProbed")
        }
    }
}

/// The check report for scripts.
enum CheckJSON {
    static func render(_ report: TLSAudit.Report) -> String {
        let findings = report.findings.map { finding -> JSONValue in
            var entry: [String: JSONValue] = ["code": .string(finding.code.rawValue), "severity": .string(finding.severity.rawValue), "message": .string(finding.message),
             "hint": .string(finding.hint), "file": JSONValue(finding.file)]
            if let command = finding.command { entry["command"] = .string(command) }
            return .object(entry)
        }
        let services = report.services.map { service -> JSONValue in
            let probe = report.probes.first { $0.service == service }
            var entry: [String: JSONValue] = ["name": .string(service.name), "mode": .string(service.mode.rawValue), "host": .string(service.host),
                                              "port": JSONValue(service.port)]
            if let probe {
                switch probe.result {
                case .served(let chain): entry["served"] = .string(chain.first?.sha256FingerprintText ?? "")
                case .failed(let reason, _, _): entry["error"] = .string(reason)
                }
            }
            if report.listenerProbes.contains(where: { $0.service == service }) {
                entry["probes"] = CheckPresentationJSON.probes(of: service, in: report.listenerProbes)
            }
            return .object(entry)
        }
        // Days left for the certificate in use, and for each certificate of its chain, for
        // monitoring that graphs them.
        let certificates = report.chain.map { entry -> JSONValue in
            JSONValue.object(CertificateLifetime(entry.certificate).json().merging([
             "role": .string(entry.role.rawValue), "subject": .string(entry.certificate.subject), "file": .string(entry.file),
             "sha256": .string(entry.certificate.sha256FingerprintText), "notAfter": .string(UTCTimestamp.format(entry.certificate.notAfter)),
             "daysLeft": .integer(entry.certificate.daysLeft())]) { $1 })
        }
        let counts = JSONValue.object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { severity in
            (severity.rawValue, JSONValue.integer(report.findings.filter { $0.severity == severity }.count))
        }))
        // The verdict is the text's "Result:" and the Nagios status; the counts are its findings'.
        let root: JSONValue = ["verdict": .string(report.verdict.rawValue), "counts": counts,
                               "findings": .array(findings), "services": .array(services), "files": .array(report.filesInUse.map(JSONValue.string)),
                               "certificates": .array(certificates), "sha256": JSONValue(report.leaf?.sha256FingerprintText),
                               "daysLeft": JSONValue(report.leaf.map { $0.daysLeft() }),
                               "notAfter": JSONValue(report.leaf.map { UTCTimestamp.format($0.notAfter) }),
                               "keys": .array(report.pairs.map(CheckPresentationJSON.pair)), "sni": CheckPresentationJSON.maps(report.sniMaps)]
        guard case .object(var object) = root else { return root.rendered }
        // The certificate in use: its start, lifetime, and the thresholds it got in days.
        if let leaf = report.leaf { object.merge(CertificateLifetime(leaf).json(report.expiry)) { $1 } }
        guard let dovecot = report.dovecot, let installation = dovecot.installation else { return JSONValue.object(object).rendered }
        let listeners = installation.listeners.map { listener -> JSONValue in
            var entry: [String: JSONValue] = ["name": .string(listener.name), "host": .string(listener.host), "port": .integer(listener.port),
                                              "mode": .string(listener.mode.rawValue)]
            let probes = dovecot.probes.filter { $0.listener == listener }
            switch probes.first?.result {
            case .served(let chain)?: entry["served"] = .string(chain.first?.sha256FingerprintText ?? "")
            case .failed(let reason, _, _)?: entry["error"] = .string(reason)
            case nil: break
            }
            // Each key type's probe, when Dovecot serves two: the first above is one of them.
            if dovecot.servesTwoKeyTypes {
                entry["probes"] = .array(probes.map { probe in
                    var one: [String: JSONValue] = ["keyType": JSONValue(ServerKeyType(probe.leaf.keyAlgorithm)?.rawValue),
                                                    "expected": .string(probe.leaf.sha256FingerprintText)]
                    switch probe.result {
                    case .served(let chain): one["served"] = .string(chain.first?.sha256FingerprintText ?? "")
                    case .failed(let reason, _, _): one["error"] = .string(reason)
                    }
                    return .object(one)
                })
            }
            return .object(entry)
        }
        object["dovecot"] = ["config": .string(installation.configFile), "version": .string("\(installation.settings.version)"),
                             "certificate": JSONValue(installation.settings.pair?.certificate), "sha256": JSONValue(dovecot.leaf?.sha256FingerprintText),
                             "listeners": .array(listeners)]
        return JSONValue.object(object).rendered
    }
}
