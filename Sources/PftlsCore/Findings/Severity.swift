/// How serious a finding is: errors stop an install, warnings deserve a look, info explains.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The severity as a person reads it ("ERROR", "エラー"); `rawValue` is what JSON prints.
    public var label: String { Catalog.text("severity.\(rawValue)") }
}
