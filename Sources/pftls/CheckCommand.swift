import ArgumentParser
import Foundation
import PftlsCore

/// `pftls check`: is the TLS set-up in force healthy, and is the certificate on disk the one being served?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit the TLS set-up in force: files, permissions, deprecated settings, services, and what each listener serves.",
        discussion: "Exit status 0 when healthy, 1 when a finding is an error (for cron and monitoring), 2 on a usage error."
    )

    @Option(name: .long, help: ArgumentHelp("The Postfix configuration directory.", valueName: "DIR"))
    var configDir = "/etc/postfix"

    @Flag(name: .long, help: "Print the findings, services and probes as JSON (findings in the format of `inspect`).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Warn when a certificate expires within N days.", valueName: "N"))
    var warnDays = 30

    @Flag(name: .long, help: "Do not connect to the listeners.")
    var noProbe = false

    func validate() throws {
        if warnDays < 0 { throw ValidationError("--warn-days must be 0 or more") }
    }

    func run() throws {
        let report = TLSAudit().run(configDirectory: configDir, warnDays: warnDays, probing: !noProbe)
        print(json ? CheckJSON.render(report) : CheckText.render(report), terminator: "")
        if report.findings.hasErrors { throw ExitCode(1) }
    }
}

/// The check report for people: files, services, probes, findings.
enum CheckText {
    static func render(_ report: TLSAudit.Report) -> String {
        var lines = ["Files in use: " + (report.filesInUse.isEmpty ? "none" : report.filesInUse.map(SafeText.escape).joined(separator: ", "))]
        if let leaf = report.leaf {
            lines.append("Certificate:  \(leaf.subject), until \(UTCTimestamp.format(leaf.notAfter)), sha256 \(leaf.sha256FingerprintText)")
        }
        lines.append("Services:")
        for service in report.services {
            let probe = report.probes.first { $0.service == service }.map { entry -> String in
                switch entry.result {
                case .served(let chain): return chain.first.map { $0.isSame(as: report.leaf ?? $0) ? "serves the certificate on disk" : "serves ANOTHER certificate" } ?? ""
                case .failed(let reason, _): return "handshake failed: \(reason)"
                }
            } ?? "not probed"
            lines.append("  \(SafeText.escape(service.name).padding(toLength: 22, withPad: " ", startingAt: 0)) \(service.mode.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(probe)")
        }
        lines.append("Findings: " + FindingsText.counts(report.findings))
        lines += FindingsText.lines(report.findings)
        lines.append(report.findings.hasErrors ? "Result: PROBLEM" : "Result: OK")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The check report for scripts.
enum CheckJSON {
    static func render(_ report: TLSAudit.Report) -> String {
        let findings = report.findings.map { finding -> [String: Any] in
            ["code": finding.code.rawValue, "severity": finding.severity.rawValue, "message": finding.message,
             "hint": finding.hint, "file": finding.file as Any? ?? NSNull()]
        }
        let services = report.services.map { service -> [String: Any] in
            let probe = report.probes.first { $0.service == service }
            var entry: [String: Any] = ["name": service.name, "mode": service.mode.rawValue, "host": service.host, "port": service.port as Any? ?? NSNull()]
            if let probe {
                switch probe.result {
                case .served(let chain): entry["served"] = chain.first?.sha256FingerprintText ?? ""
                case .failed(let reason, _): entry["error"] = reason
                }
            }
            return entry
        }
        let root: [String: Any] = ["findings": findings, "services": services, "files": report.filesInUse,
                                   "sha256": report.leaf?.sha256FingerprintText ?? NSNull()]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
