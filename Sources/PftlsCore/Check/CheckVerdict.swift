/// The one verdict of `pftls check`, the same whatever the output format: the text's
/// "Result:" line, the JSON's `verdict` and the Nagios status all come from here.
public enum CheckVerdict: String, Sendable, CaseIterable {
    /// No error and no warning.
    case ok = "OK"
    /// A warning and no error.
    case warning = "WARNING"
    /// An error: something is broken or about to break.
    case critical = "CRITICAL"
    /// The configuration could not be read: nothing could be checked.
    case unknown = "UNKNOWN"

    /// The verdict on `findings`: the most serious one decides. `configurationRead` false
    /// (the audit found no configuration to check) is UNKNOWN.
    public init(_ findings: [Finding], configurationRead: Bool = true) {
        if !configurationRead { self = .unknown }
        else if findings.hasErrors { self = .critical }
        else if findings.contains(where: { $0.severity == .warning }) { self = .warning }
        else { self = .ok }
    }

    /// The exit status of a Nagios/Icinga plugin: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    public var pluginExitStatus: Int32 {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        case .unknown: 3
        }
    }

    /// The exit status of the text and JSON reports, as for cron: 1 when a finding is an
    /// error (CRITICAL, UNKNOWN), else 0.
    public var exitStatus: Int32 {
        switch self {
        case .ok, .warning: 0
        case .critical, .unknown: 1
        }
    }

    /// The finding that decides the verdict: the first of the most serious ones, or nil
    /// when only info is left.
    public static func decisive(_ findings: [Finding]) -> Finding? {
        guard let worst = findings.map(\.severity).max(), worst > .info else { return nil }
        return findings.first { $0.severity == worst }
    }
}
