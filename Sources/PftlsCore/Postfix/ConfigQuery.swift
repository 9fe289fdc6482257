/// One `postconf -c DIR -h NAME...` for every configured value a command needs:
/// myhostname and the mail domains, with main.cf's and master.cf's complaints (`postconf`
/// reads both files for any question and warns on standard error, as `-n` and `-M` do).
public struct ConfigQuery: Sendable {
    /// The parameters asked for, in this order.
    public static let names = ["myhostname"] + MailDomainSettings.parameters

    /// The values, by name; empty when postconf failed or is missing.
    public let values: [String: String]
    /// What postconf wrote to standard error, its warnings and fatal errors, one complaint
    /// per line without repeats (read on the thread that asked: 20,000 lines take a while).
    public let complaints: [PostfixComplaint]
    /// False when postconf is not installed.
    public let answered: Bool

    /// Creates answers by hand (tests); `unasked` is a query never put.
    public init(values: [String: String], complaints: [PostfixComplaint], answered: Bool) {
        self.values = values
        self.complaints = complaints
        self.answered = answered
    }

    /// No question asked: no values, no complaints.
    public static let unasked = ConfigQuery(values: [:], complaints: [], answered: false)

    /// Asks postconf about the instance in `configDirectory` (nil: the default instance).
    /// Its complaints name `reportedAs` where they name `configDirectory` (a staged copy is
    /// reported as the directory it is a copy of).
    public static func ask(configDirectory: String?, reportedAs: String? = nil, processes: ProcessRunner) -> ConfigQuery {
        let config = configDirectory.map { ["-c", $0] } ?? []
        guard let result = try? processes.run("postconf", config + ["-h", "-x"] + names) else {
            return ConfigQuery(values: [:], complaints: [], answered: false)
        }
        var errorOutput = result.standardError
        if result.status != 0 && errorOutput.allSatisfy({ $0 == UInt8(ascii: "\n") }) {
            errorOutput = Array("postconf: fatal: postconf exited with status \(result.status)".utf8)
        }
        let directory = configDirectory ?? PostfixInstallation.standardConfigDirectory
        let complaints = PostfixComplaint.lines(of: errorOutput, directory: directory, configDirectory: reportedAs ?? directory)
        // One line per name; empty values are empty lines, so the raw output is split.
        var lines = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let values = result.status == 0 && lines.count == names.count ? Dictionary(uniqueKeysWithValues: zip(names, lines)) : [:]
        return ConfigQuery(values: values, complaints: complaints, answered: true)
    }

    /// The value of `name`, empty when it was not given.
    public func value(_ name: String) -> String { values[name] ?? "" }
}
