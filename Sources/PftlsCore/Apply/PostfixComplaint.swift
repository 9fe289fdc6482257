import FoundationEssentials
import Glibc

/// One line Postfix wrote about a configuration: `postconf: warning: /etc/postfix/main.cf,
/// line 42: overriding earlier entry: inet_interfaces=all`.
///
/// Comparable across copies of the configuration: the program name, the directory the
/// copy lives in and the line number are left out of `identity`, so a warning that was
/// there before an edit is recognised in the staged copy even when lines moved.
public struct PostfixComplaint: Equatable, Sendable {
    /// The line as Postfix wrote it, with the staging directory named as the real one.
    public let text: String
    /// `warning`, `fatal`, `error` or `panic`; nil for a line without a level.
    public let level: String?
    /// The file the complaint names (`DIR/main.cf`, `DIR/master.cf`), when it names one.
    public let file: String?
    /// The line number in `file`, when given.
    public let line: Int?
    /// What the complaint says, without program, file and line.
    public let detail: String

    /// Parses one line. `directory` is the directory the checked copy lives in; it is
    /// reported as `configDirectory`.
    init(line raw: String, directory: String, configDirectory: String) {
        let text = directory == configDirectory ? raw : raw.replacing(directory, with: configDirectory)
        self.text = text
        var rest = Substring(text)
        // "postconf: warning: ...", "/usr/sbin/postconf: warning: ..." or
        // "postfix/postfix-script: warning: ...": the level follows the program's name.
        var level: String?
        if let colon = rest.firstIndex(of: ":") {
            let afterProgram = rest[colon...].dropFirst()
            if let known = Self.levels.first(where: { afterProgram.hasPrefix($0.mark) }) {
                level = known.name
                rest = afterProgram.dropFirst(known.mark.count)
            }
        }
        self.level = level
        var file: String?
        var number: Int?
        for name in ["main.cf", "master.cf"] {
            let prefix = configDirectory + "/" + name
            guard rest.hasPrefix(prefix) else { continue }
            file = prefix
            rest = rest.dropFirst(prefix.count)
            if rest.hasPrefix(", line ") {
                let digits = rest.dropFirst(7).prefix(while: \.isNumber)
                number = Int(digits)
                rest = rest.dropFirst(7 + digits.count)
            }
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            break
        }
        self.file = file
        self.line = number
        detail = rest.trimmingBlanks()
    }

    /// The levels Postfix writes after the program's name, each as it stands there.
    private static let levels = ["warning", "fatal", "error", "panic"].map { (name: $0, mark: " \($0): ") }

    /// What complaints of the same kind share: level, file, and the detail up to its
    /// first colon ("unused parameter", "overriding earlier entry").
    var kind: String {
        let head = detail.firstIndex(of: ":").map { detail[..<$0] } ?? Substring(detail)
        return "\(level ?? "")|\(file ?? "")|\(head)"
    }

    /// What two complaints must share to be the same complaint.
    var identity: String { "\(level ?? "")|\(file ?? "")|\(detail)" }

    /// Splits a program's output into complaints, one per non-empty line, without repeats.
    /// The checked copy's directory is named as `configDirectory` in the whole output at
    /// once (postconf warns once per unused parameter: a file may have thousands).
    static func lines(of output: String, directory: String, configDirectory: String) -> [PostfixComplaint] {
        let renamed = directory == configDirectory ? output : output.replacing(directory, with: configDirectory)
        var seen = Set<String>()
        return renamed.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let trimmed = Substring(line).trimmingBlanks()
            guard !trimmed.isEmpty else { return nil }
            let complaint = PostfixComplaint(line: trimmed, directory: configDirectory, configDirectory: configDirectory)
            return seen.insert(complaint.identity).inserted ? complaint : nil
        }
    }
}
