/// One thing pftls noticed about the input: what, how bad, where, and what to do.
///
/// The message names the file; the hint says how to fix it. Neither ever holds
/// a passphrase or key material.
public struct Finding: Equatable, Sendable, Codable {
    /// The stable code, e.g. `expired`.
    public let code: FindingCode
    /// How serious it is.
    public let severity: Severity
    /// What is wrong, naming the file.
    public let message: String
    /// What to do about it.
    public let hint: String
    /// The file concerned, when there is one.
    public let file: String?
    /// The exact command that fixes it, when there is one (`renewal-not-deployed`).
    public var command: String? = nil

    /// Creates a finding.
    public init(_ code: FindingCode, _ severity: Severity, file: String?, message: String, hint: String) {
        self.code = code
        self.severity = severity
        self.file = file
        self.message = message
        self.hint = hint
    }

    private enum CodingKeys: String, CodingKey { case code, severity, message, hint, file, command }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(hint, forKey: .hint)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(command, forKey: .command)
    }
}

extension Array where Element == Finding {
    /// True when any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    /// The codes, in order, for quick comparisons.
    public var codes: [FindingCode] { map(\.code) }
}
