import Testing
@testable import PftlsCore

/// `pftls explain` and the wizard's F1 help: the catalog, lookup and layout.
@Suite enum HelpTests {}

/// The built-in defaults of the Postfix installed here, from `postconf -d`.
enum InstalledPostfixDefaults {
    /// Every parameter and its default; nil when postconf is not installed.
    static let values: [String: String]? = {
        guard let result = try? SystemProcessRunner().run("postconf", ["-d"]), result.status == 0 else { return nil }
        var values: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingWhitespace()
            values[String(name)] = String(line[line.index(after: equals)...].trimmingWhitespace())
        }
        return values
    }()

    /// True when the tests that compare against Postfix can run.
    static var available: Bool { values != nil }
}

extension ParameterHelpCatalog {
    /// The entries that are real Postfix parameters.
    static var parameters: [ParameterHelp] { all.filter { $0.kind == .parameter } }
}
