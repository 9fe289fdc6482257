/// Postfix's built-in parameter defaults: what a parameter is when main.cf does not set it.
public struct PostfixDefaults: Equatable, Sendable {
    /// Where the defaults came from.
    public enum Source: Equatable, Sendable {
        /// `postconf -d` on this machine.
        case postconf
        /// pftls' own table of the TLS-related parameters (Postfix 3.7 on Debian 12).
        case builtIn
    }

    /// Default values by parameter name.
    public let values: [String: String]
    /// Where `values` came from.
    public let source: Source

    /// Creates defaults from a table.
    public init(values: [String: String], source: Source) {
        self.values = values
        self.source = source
    }

    /// The default of `name`, or nil when it is unknown.
    public subscript(name: String) -> String? {
        values[name]
    }

    /// Asks the installed Postfix (`postconf -d`); falls back to `builtIn` when Postfix
    /// is not installed or `postconf` fails.
    public static func load(using runner: ProcessRunner) -> PostfixDefaults {
        guard let result = try? runner.run("postconf", ["-d"]), result.status == 0 else { return builtIn }
        let values = parse(postconfOutput: result.output)
        return values.isEmpty ? builtIn : PostfixDefaults(values: values, source: .postconf)
    }

    /// Reads `name = value` lines as printed by `postconf -d` (a value may be empty).
    public static func parse(postconfOutput output: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in ConfigLine.split(output) {
            guard let equals = line.text.firstIndex(of: "=") else { continue }
            let name = MainConfigLineParser.trimmed(line.text[..<equals])
            guard MainConfigLineParser.isValidName(String(name)) else { continue }
            values[String(name)] = String(MainConfigLineParser.trimmed(line.text[line.text.index(after: equals)...]))
        }
        return values
    }

    /// The TLS-related defaults of Postfix 3.7 (copied from `postconf -d` on Debian 12),
    /// for machines without Postfix. Host-specific defaults such as `myhostname` are left
    /// out: they depend on the machine.
    public static let builtIn = PostfixDefaults(values: BuiltInPostfixDefaults.table, source: .builtIn)
}
