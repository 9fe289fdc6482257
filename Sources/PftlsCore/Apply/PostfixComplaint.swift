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
    /// What two complaints must share to be the same complaint.
    let identity: String

    /// Parses one line. `directory` is the directory the checked copy lives in; it is
    /// reported as `configDirectory`.
    init(line raw: String, directory: String, configDirectory: String) {
        let text = directory == configDirectory ? raw : Self.renaming(directory, to: configDirectory, in: raw)
        self.text = text
        // Read as UTF-8: what Postfix writes around the detail is ASCII, and Character
        // comparisons made a file with 20,000 unused parameters cost seconds.
        var rest = text.utf8[...]
        // "postconf: warning: ...", "/usr/sbin/postconf: warning: ..." or
        // "postfix/postfix-script: warning: ...": the level follows the program's name.
        var level: String?
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            let afterProgram = rest[colon...].dropFirst()
            if let known = Self.levels.first(where: { afterProgram.starts(with: $0.mark.utf8) }) {
                level = known.name
                rest = afterProgram.dropFirst(known.mark.utf8.count)
            }
        }
        self.level = level
        var file: String?
        var number: Int?
        for name in ["main.cf", "master.cf"] {
            let path = configDirectory + "/" + name
            guard rest.starts(with: path.utf8) else { continue }
            file = path
            rest = rest.dropFirst(path.utf8.count)
            if rest.starts(with: ", line ".utf8) {
                let digits = rest.dropFirst(7).prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                number = Int(Substring(digits))
                rest = rest.dropFirst(7 + digits.count)
            }
            if rest.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
            break
        }
        self.file = file
        self.line = number
        detail = String(Substring(Self.trimmingBlanks(rest)))
        identity = "\(level ?? "")|\(file ?? "")|\(detail)"
    }

    /// `bytes` without the spaces and tabs at either end.
    private static func trimmingBlanks(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[first...last]
    }

    /// The levels Postfix writes after the program's name, each as it stands there.
    private static let levels = ["warning", "fatal", "error", "panic"].map { (name: $0, mark: " \($0): ") }

    /// `text` with every `old` replaced by `new`, compared as bytes: the standard
    /// library's `replacing` compares Characters, which took seconds over the 20,000
    /// warnings of a file with 20,000 unused parameters.
    private static func renaming(_ old: String, to new: String, in text: String) -> String {
        guard let first = old.utf8.first else { return text }
        var result: [UInt8] = []
        var rest = text.utf8[...]
        while let start = rest.firstIndex(of: first) {
            if rest[start...].starts(with: old.utf8) {
                result += rest[..<start]
                result += new.utf8
                rest = rest[start...].dropFirst(old.utf8.count)
            } else {
                result += rest[...start]
                rest = rest[start...].dropFirst()
            }
        }
        result += rest
        return String(decoding: result, as: UTF8.self)
    }

    /// What complaints of the same kind share: level, file, and the detail up to its
    /// first colon ("unused parameter", "overriding earlier entry").
    var kind: String {
        let head = detail.firstIndex(of: ":").map { detail[..<$0] } ?? Substring(detail)
        return "\(level ?? "")|\(file ?? "")|\(head)"
    }

    /// Splits a program's output into complaints, one per non-empty line, without repeats.
    /// The checked copy's directory is named as `configDirectory` in the whole output at once.
    static func lines(of output: String, directory: String, configDirectory: String) -> [PostfixComplaint] {
        let renamed = directory == configDirectory ? output : renaming(directory, to: configDirectory, in: output)
        var seen = Set<String>()
        return renamed.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let trimmed = trimmingBlanks(line)
            guard !trimmed.isEmpty else { return nil }
            let complaint = PostfixComplaint(line: String(Substring(trimmed)), directory: configDirectory, configDirectory: configDirectory)
            return seen.insert(complaint.identity).inserted ? complaint : nil
        }
    }
}
