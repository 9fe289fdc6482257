import FoundationEssentials

/// `check --format prometheus` and `--metrics-file`: the check report as Prometheus gauges for
/// node_exporter's textfile collector, from the same report as the text, JSON and Nagios
/// formats (the same verdict, the same findings, the same probes).
///
/// Every series is labelled with `config_dir`, so that several instances can share one
/// textfile directory. Certificates and listeners carry `daemon` (postfix, dovecot),
/// `service` and `address` (a listener's, empty on disk), `file` (the file holding the leaf,
/// empty as served), `key_type` (RSA, ECDSA, EdDSA; as served: the type the probe's client
/// accepted, else that of the pair on disk) and `sni` (the SNI map key whose files are meant,
/// empty for the default pairs). Names and HELP texts are a machine format, never translated.
public struct CheckMetrics {
    /// When the check ran, as a Unix time.
    public static let checkTime = PrometheusExposition.Family(gauge: "pftls_check_timestamp_seconds",
        help: "When pftls check ran, as a Unix time.")
    /// The verdict as a Nagios plugin status.
    public static let status = PrometheusExposition.Family(gauge: "pftls_check_status",
        help: "The verdict of pftls check as a Nagios plugin status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
    /// Findings by severity, every severity present.
    public static let findings = PrometheusExposition.Family(gauge: "pftls_findings",
        help: "Findings of pftls check by severity (info, warning, error).")
    /// Findings by code and severity, only codes found.
    public static let findingsByCode = PrometheusExposition.Family(gauge: "pftls_findings_by_code",
        help: "Findings of pftls check by finding code and severity; codes not found are absent.")
    /// notAfter of each certificate on disk and served.
    public static let expiry = PrometheusExposition.Family(gauge: "pftls_certificate_expiry_timestamp_seconds",
        help: "The leaf certificate's notAfter as a Unix time, on disk (source=file) and as each listener serves it (source=served).")
    /// notBefore of each certificate on disk and served.
    public static let notBefore = PrometheusExposition.Family(gauge: "pftls_certificate_not_before_timestamp_seconds",
        help: "The leaf certificate's notBefore as a Unix time, on disk (source=file) and as each listener serves it (source=served).")
    /// The share of the lifetime left.
    public static let remaining = PrometheusExposition.Family(gauge: "pftls_certificate_lifetime_remaining_ratio",
        help: "Share of the leaf certificate's lifetime (notAfter - notBefore) left at the time of the check, from 1 down to 0 once expired.")
    /// Whether each listener's handshake worked.
    public static let listenerUp = PrometheusExposition.Family(gauge: "pftls_listener_up",
        help: "1 when the TLS handshake with the listener worked, 0 when it failed or did not finish.")
    /// Whether each listener serves the installed leaf.
    public static let servesInstalled = PrometheusExposition.Family(gauge: "pftls_listener_serves_installed",
        help: "1 when the listener serves the leaf installed on disk for this key type and SNI key, 0 when it serves another or the handshake failed.")

    /// The exposition text, ending with a newline.
    public let text: String

    /// The metrics of `report` for the instance in `configDirectory`, at the time `clock` gives.
    public init(_ report: TLSAudit.Report, configDirectory: String, clock: WallClock = SystemClock()) {
        let now = clock.now
        var metrics = Builder(exposition: PrometheusExposition(), configDirectory: configDirectory, now: now)
        metrics.add(Self.checkTime, [], now.timeIntervalSince1970)
        metrics.add(Self.status, [], Double(report.verdict.pluginExitStatus))
        for severity in Severity.allCases {
            metrics.add(Self.findings, [("severity", severity.rawValue)], Double(report.findings.filter { $0.severity == severity }.count))
        }
        metrics.exposition.declare(Self.findingsByCode)
        // Counted once per (code, severity), in the order first found.
        var counts: [String: Int] = [:]
        var order: [(code: String, severity: String)] = []
        for finding in report.findings {
            let key = finding.code.rawValue + " " + finding.severity.rawValue
            if counts[key] == nil { order.append((finding.code.rawValue, finding.severity.rawValue)) }
            counts[key, default: 0] += 1
        }
        for (code, severity) in order {
            metrics.add(Self.findingsByCode, [("code", code), ("severity", severity)], Double(counts[code + " " + severity] ?? 0))
        }
        for family in [Self.expiry, Self.notBefore, Self.remaining, Self.listenerUp, Self.servesInstalled] { metrics.exposition.declare(family) }
        metrics.addFiles(report)
        metrics.addListeners(report)
        text = metrics.exposition.text
    }

    /// Adds samples with the labels every series of a family shares.
    private struct Builder {
        var exposition: PrometheusExposition
        let configDirectory: String
        let now: Date

        mutating func add(_ family: PrometheusExposition.Family, _ labels: [(name: String, value: String)], _ value: Double) {
            exposition.add(family, [("config_dir", configDirectory)] + labels, value)
        }

        /// The leaves on disk: Postfix's default pairs, each SNI entry's pairs, Dovecot's.
        mutating func addFiles(_ report: TLSAudit.Report) {
            for pair in report.pairs { addFile(pair, sni: "") }
            for map in report.sniMaps {
                for listed in map.entries { for pair in listed.pairs { addFile(pair, sni: listed.entry.name) } }
            }
            for (file, leaf) in report.dovecot?.leaves ?? [] {
                add(leaf, place: Place(daemon: "dovecot", service: "", address: "", file: file, keyType: Self.type(of: leaf), sni: ""), source: "file")
            }
        }

        private mutating func addFile(_ pair: PresentedPair, sni: String) {
            guard let leaf = pair.leaf else { return }
            let file = pair.report.chain.first?.file ?? pair.files.first ?? ""
            add(leaf, place: Place(daemon: "postfix", service: "", address: "", file: file,
                                   keyType: pair.keyType?.rawValue ?? Self.type(of: leaf), sni: sni), source: "file")
        }

        /// Every listener probed: whether its handshake worked, whether it served the leaf on
        /// disk, and the leaf it served.
        mutating func addListeners(_ report: TLSAudit.Report) {
            for probe in report.listenerProbes {
                let keyType = probe.keyType?.rawValue ?? probe.expected.first.map(Self.type(of:)) ?? ""
                let place = Place(daemon: "postfix", service: probe.service.name, address: Self.address(probe.service.host, probe.service.port),
                                  file: "", keyType: keyType, sni: probe.entry ?? "")
                addListener(place, result: probe.result, servesItsFiles: probe.servesItsFiles == true)
            }
            guard let dovecot = report.dovecot else { return }
            for (listener, result, leaf) in dovecot.probes {
                let place = Place(daemon: "dovecot", service: listener.name, address: Self.address(listener.host, listener.port), file: "",
                                  keyType: Self.type(of: leaf), sni: "")
                addListener(place, result: result, servesItsFiles: result.chain?.first?.isSame(as: leaf) == true)
            }
        }

        private mutating func addListener(_ place: Place, result: ProbeResult?, servesItsFiles: Bool) {
            let leaf = result?.chain?.first
            add(CheckMetrics.listenerUp, place.labels(source: nil), leaf == nil ? 0 : 1)
            add(CheckMetrics.servesInstalled, place.labels(source: nil), servesItsFiles && leaf != nil ? 1 : 0)
            if let leaf { add(leaf, place: place, source: "served") }
        }

        /// notAfter, notBefore and the share of the lifetime left of `leaf`.
        private mutating func add(_ leaf: Certificate, place: Place, source: String) {
            let labels = place.labels(source: source)
            add(CheckMetrics.expiry, labels, leaf.notAfter.timeIntervalSince1970)
            add(CheckMetrics.notBefore, labels, leaf.notBefore.timeIntervalSince1970)
            add(CheckMetrics.remaining, labels, CertificateLifetime(leaf).remainingShare(at: now))
        }

        static func type(of leaf: Certificate) -> String { ServerKeyType(leaf.keyAlgorithm)?.rawValue ?? "" }

        /// `host:port`, an IPv6 address in brackets.
        static func address(_ host: String, _ port: Int?) -> String {
            (host.contains(":") ? "[\(host)]" : host) + (port.map { ":\($0)" } ?? "")
        }
    }

    /// Where a certificate is or is served: the labels shared by certificate and listener series.
    private struct Place {
        let daemon, service, address, file, keyType, sni: String

        /// A certificate's labels (`source`: file or served), or with nil a listener's (no file).
        func labels(source: String?) -> [(name: String, value: String)] {
            let listener = [("daemon", daemon), ("service", service), ("address", address), ("key_type", keyType), ("sni", sni)]
            guard let source else { return listener }
            return [("source", source)] + listener.prefix(3) + [("file", file)] + listener.suffix(2)
        }
    }
}

extension CertificateLifetime {
    /// The share of the lifetime left at `now`: 1 at notBefore, 0 at notAfter and after
    /// (0 too for a certificate whose lifetime is not positive).
    public func remainingShare(at now: Date) -> Double {
        let lifetime = notAfter.timeIntervalSince(notBefore)
        guard lifetime > 0 else { return 0 }
        return min(1, max(0, notAfter.timeIntervalSince(now) / lifetime))
    }
}
