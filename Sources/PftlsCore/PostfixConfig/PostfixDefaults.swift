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
        let values = parse(postconfOutput: result.standardOutput)
        return values.isEmpty ? builtIn : PostfixDefaults(values: values, source: .postconf)
    }

    /// Reads `name = value` lines as printed by `postconf -d`, on bytes: a thousand lines
    /// on every command's path (a value may be empty).
    public static func parse(postconfOutput output: [UInt8]) -> [String: String] {
        var values: [String: String] = [:]
        values.reserveCapacity(1200)
        var start = 0
        while start < output.count {
            let end = output[start...].firstIndex(of: 0x0A) ?? output.count
            if let equals = output[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                let name = trimmed(output[start..<equals])
                if !name.isEmpty, name.allSatisfy(isNameByte) {
                    values[String(decoding: name, as: UTF8.self)] = String(decoding: trimmed(output[(equals + 1)..<end]), as: UTF8.self)
                }
            }
            start = end + 1
        }
        return values
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes.drop(while: ConfigLine.isPostfixSpace(byte:))
        while let last = result.last, ConfigLine.isPostfixSpace(byte: last) { result = result.dropLast() }
        return result
    }

    /// The bytes of a parameter name, as `MainConfigLineParser.isValidName` allows them.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// Reads `name = value` lines as printed by `postconf -d` (a value may be empty).
    public static func parse(postconfOutput output: String) -> [String: String] {
        parse(postconfOutput: Array(output.utf8))
    }

    /// The TLS-related defaults of Postfix 3.7 (copied from `postconf -d` on Debian 12),
    /// for machines without Postfix. Host-specific defaults such as `myhostname` are left
    /// out: they depend on the machine.
    public static let builtIn = PostfixDefaults(values: BuiltInPostfixDefaults.table, source: .builtIn)
}
