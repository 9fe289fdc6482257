import FoundationEssentials

/// The Prometheus text exposition format (0.0.4), as node_exporter's textfile collector and
/// `promtool check metrics` read it: each family's `# HELP` and `# TYPE` once, followed by all
/// of its samples; families in the order they were first given, samples in the order added;
/// label values escaped (`\\`, `\"`, `\n`); a series (name and label set) never twice, the
/// first one given kept; a newline at the end.
///
/// Metric names, label names and HELP texts are a machine format, like JSON keys and finding
/// codes: they are never translated (HELP is English by Prometheus convention).
public struct PrometheusExposition {
    /// One metric family: its name, what it measures and its type.
    public struct Family: Sendable, Equatable {
        /// The metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`, with its unit as suffix.
        public let name: String
        /// The HELP text, in English.
        public let help: String
        /// The TYPE; every metric of pftls is a gauge.
        public let type: String

        /// A gauge.
        public init(gauge name: String, help: String) {
            precondition(PrometheusExposition.isMetricName(name), "not a metric name: \(name)")
            self.name = name
            self.help = help
            type = "gauge"
        }
    }

    private var families: [Family] = []
    private var lines: [String: [String]] = [:]
    private var series: Set<String> = []

    /// An empty exposition.
    public init() {}

    /// Adds the sample `value` of `family` with `labels` in the order given; false (and
    /// nothing added) when the same series was added before. Declares the family first when
    /// it has no sample yet, so a family can be declared with no sample at all.
    @discardableResult
    public mutating func add(_ family: Family, _ labels: [(name: String, value: String)], _ value: Double) -> Bool {
        declare(family)
        let rendered = labels.map { "\($0.name)=\"\(Self.escape(label: $0.value))\"" }
        // The same series whatever order its labels were given in.
        let key = family.name + "{" + zip(labels, rendered).sorted { $0.0.name < $1.0.name }.map(\.1).joined(separator: ",") + "}"
        guard series.insert(key).inserted else { return false }
        precondition(labels.allSatisfy { Self.isLabelName($0.name) } && Set(labels.map(\.name)).count == labels.count,
                     "label names: \(labels.map(\.name))")
        lines[family.name, default: []].append(family.name + (labels.isEmpty ? "" : "{" + rendered.joined(separator: ",") + "}") + " " + Self.format(value))
        return true
    }

    /// Declares `family` (its HELP and TYPE come out even with no sample).
    public mutating func declare(_ family: Family) {
        guard !families.contains(where: { $0.name == family.name }) else { return }
        families.append(family)
    }

    /// The exposition text, ending with a newline (empty when nothing was declared).
    public var text: String {
        families.map { family in
            (["# HELP \(family.name) \(Self.escape(help: family.help))", "# TYPE \(family.name) \(family.type)"] + (lines[family.name] ?? []))
                .map { $0 + "\n" }.joined()
        }.joined()
    }

    /// A label value as the format writes it between quotes: `\` as `\\`, `"` as `\"`, a line
    /// feed as `\n`; everything else (a carriage return, UTF-8) as it is.
    public static func escape(label value: String) -> String { escaped(value, quote: true) }

    /// A HELP text as the format writes it: `\` as `\\`, a line feed as `\n`.
    public static func escape(help text: String) -> String { escaped(text, quote: false) }

    private static func escaped(_ text: String, quote: Bool) -> String {
        var escaped = ""
        // By scalar: "\r\n" is one Character, and its line feed must be escaped all the same.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"" where quote: escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A sample value: whole numbers without a fraction (`1767225600`), others as Swift
    /// prints a Double (`0.25`, `1e-05`), and `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// True for a valid metric name.
    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0 == "_" || $0 == ":" || ("0"..."9").contains($0) }
    }

    /// True for a valid label name that is not reserved (`__…`).
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_", !name.hasPrefix("__") else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0 == "_" || ("0"..."9").contains($0) }
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
