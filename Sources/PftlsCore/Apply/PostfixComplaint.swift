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
    /// Where `detail` starts in `text`.
    private let detailStart: String.Index
    /// What the complaint says, without program, file and line.
    public var detail: String { String(text[detailStart...]) }
    /// What two complaints must share to be the same complaint: level, file and detail.
    let identity: String

    /// What complaints of the same kind share: level, file, and the detail up to its first
    /// colon ("unused parameter", "overriding earlier entry").
    struct Kind: Hashable {
        let level: String?
        let file: String?
        let head: Substring
    }

    /// Parses one line. `directory` is the directory the checked copy lives in; it is
    /// reported as `configDirectory`.
    init(line raw: String, directory: String, configDirectory: String) {
        let bytes = directory == configDirectory ? Array(raw.utf8) : Self.renaming(Array(directory.utf8), to: Array(configDirectory.utf8), in: Array(raw.utf8))
        self.init(Self.trimmingBlanks(bytes[...]), files: Self.files(in: configDirectory))
    }

    /// Parses one line from its UTF-8 bytes, without blanks at either end. `files` are
    /// main.cf's and master.cf's paths (`files(in:)`). Bytes, not Characters: a file with
    /// 20,000 unused parameters gives 20,000 lines, twice per run.
    private init(_ bytes: ArraySlice<UInt8>, files: [(path: String, bytes: [UInt8])]) {
        var rest = bytes
        // "postconf: warning: ...", "/usr/sbin/postconf: warning: ..." or
        // "postfix/postfix-script: warning: ...": the level follows the program's name.
        var level: String?
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")) {
            let afterProgram = rest[colon...].dropFirst()
            if let known = Self.levels.first(where: { afterProgram.starts(with: $0.mark) }) {
                level = known.name
                rest = afterProgram.dropFirst(known.mark.count)
            }
        }
        var file: String?
        var number: Int?
        for candidate in files where rest.starts(with: candidate.bytes) {
            file = candidate.path
            rest = rest.dropFirst(candidate.bytes.count)
            if rest.starts(with: Self.lineMark) {
                let digits = rest.dropFirst(Self.lineMark.count).prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                number = Int(String(decoding: digits, as: UTF8.self))
                rest = rest.dropFirst(Self.lineMark.count + digits.count)
            }
            if rest.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
            break
        }
        rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        self.level = level
        self.file = file
        self.line = number
        // The detail is the end of the text: counted in bytes, or where invalid UTF-8 was
        // repaired, in the bytes of its own repaired text.
        let text = String(decoding: bytes, as: UTF8.self)
        self.text = text
        var identity: [UInt8] = []
        identity.reserveCapacity(rest.count + 80)
        identity += (level ?? "").utf8
        identity.append(UInt8(ascii: "|"))
        identity += (file ?? "").utf8
        identity.append(UInt8(ascii: "|"))
        identity += rest
        self.identity = String(decoding: identity, as: UTF8.self)
        if text.utf8.count == bytes.count {
            detailStart = text.utf8.index(text.utf8.endIndex, offsetBy: -rest.count)
        } else {
            // The detail starts after an ASCII byte, so it decodes on its own as it does in the line.
            detailStart = text.utf8.index(text.utf8.endIndex, offsetBy: -String(decoding: rest, as: UTF8.self).utf8.count)
        }
    }

    /// main.cf's and master.cf's paths in `configDirectory`, as text and as bytes.
    private static func files(in configDirectory: String) -> [(path: String, bytes: [UInt8])] {
        ["main.cf", "master.cf"].map { name in
            let path = configDirectory + "/" + name
            return (path, Array(path.utf8))
        }
    }

    /// `bytes` without the spaces and tabs at either end.
    private static func trimmingBlanks(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[first...last]
    }

    /// The levels Postfix writes after the program's name, each as it stands there.
    private static let levels = ["warning", "fatal", "error", "panic"].map { (name: $0, mark: Array(" \($0): ".utf8)) }
    /// What stands between a file's name and its line number.
    private static let lineMark = Array(", line ".utf8)

    /// `text` with every `old` replaced by `new`, compared as bytes: the standard
    /// library's `replacing` compares Characters, which took seconds over the 20,000
    /// warnings of a file with 20,000 unused parameters.
    private static func renaming(_ old: [UInt8], to new: [UInt8], in text: [UInt8]) -> [UInt8] {
        guard let first = old.first else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        // Unchanged bytes are copied in runs, from `copied` up to each match.
        var copied = text.startIndex
        var index = text.startIndex
        while let start = text[index...].firstIndex(of: first) {
            if text[start...].starts(with: old) {
                result += text[copied..<start]
                result += new
                copied = start + old.count
                index = copied
            } else {
                index = start + 1
            }
        }
        result += text[copied...]
        return result
    }

    /// The kind of this complaint.
    var kind: Kind {
        let detail = text[detailStart...]
        return Kind(level: level, file: file, head: detail.utf8.firstIndex(of: UInt8(ascii: ":")).map { detail[..<$0] } ?? detail)
    }

    /// Splits a program's output into complaints, one per non-empty line, without repeats.
    /// The checked copy's directory is named as `configDirectory` in the whole output at once.
    static func lines(of output: String, directory: String, configDirectory: String) -> [PostfixComplaint] {
        lines(of: Array(output.utf8), directory: directory, configDirectory: configDirectory)
    }

    /// Splits a program's output, as bytes, into complaints (`lines(of:directory:configDirectory:)`).
    static func lines(of bytes: [UInt8], directory: String, configDirectory: String) -> [PostfixComplaint] {
        let renamed = directory == configDirectory ? bytes : renaming(Array(directory.utf8), to: Array(configDirectory.utf8), in: bytes)
        let files = files(in: configDirectory)
        var seen = Set<String>()
        var complaints: [PostfixComplaint] = []
        let estimate = renamed.count / 64
        seen.reserveCapacity(estimate)
        complaints.reserveCapacity(estimate)
        var start = renamed.startIndex
        while start < renamed.endIndex {
            let end = renamed[start...].firstIndex(of: UInt8(ascii: "\n")) ?? renamed.endIndex
            let trimmed = trimmingBlanks(renamed[start..<end])
            start = end + 1
            guard !trimmed.isEmpty else { continue }
            let complaint = PostfixComplaint(trimmed, files: files)
            if seen.insert(complaint.identity).inserted { complaints.append(complaint) }
        }
        return complaints
    }
}
