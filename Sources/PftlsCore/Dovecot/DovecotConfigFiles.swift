import Glibc

/// Dovecot's configuration files as they are on disk, byte for byte, with every setting
/// line located: the main file and what its `!include`/`!include_try` lines pull in
/// (globs, relative to the including file), in the order Dovecot reads them. Edits
/// replace one value in one line and leave every other byte alone.
public struct DovecotConfigFiles: Sendable {
    /// One file of the set.
    public struct File: Sendable {
        public let path: String
        /// The lines, without their line ends, decoded for reading.
        public private(set) var lines: [String]
        /// Each line's bytes as read (or as edited): what is written back, so a byte that is
        /// not UTF-8 in a line no edit touches stays as it was.
        private var rawLines: [ArraySlice<UInt8>]
        /// True when the last line ends with a newline.
        public let endsWithNewline: Bool
        /// The bytes as read.
        public let original: [UInt8]

        /// The file's text after edits.
        public var bytes: [UInt8] { Array(rawLines.joined(separator: [UInt8(ascii: "\n")])) + (endsWithNewline ? [UInt8(ascii: "\n")] : []) }

        init(path: String, bytes: [UInt8]) {
            self.path = path
            original = bytes
            endsWithNewline = bytes.last == UInt8(ascii: "\n")
            rawLines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if endsWithNewline { rawLines.removeLast() }
            lines = rawLines.map { String(decoding: $0, as: UTF8.self) }
        }

        /// Replaces line `index` with `text`.
        mutating func replace(line index: Int, with text: String) {
            lines[index] = text
            rawLines[index] = Array(text.utf8)[...]
        }

        /// Inserts `text` as a new line at `index`.
        mutating func insert(_ text: String, at index: Int) {
            lines.insert(text, at: index)
            rawLines.insert(Array(text.utf8)[...], at: index)
        }
    }

    /// One `key = value` line.
    public struct Setting: Sendable, Equatable {
        /// Index into `files`.
        public let file: Int
        /// Index into that file's lines.
        public let line: Int
        /// The enclosing sections, outermost first, as written (`local_name mail.example.com`, `ssl_server`).
        public let scope: [String]
        public let key: String
        /// The value without a trailing comment.
        public let value: String
    }

    /// The files in reading order, the main file first.
    public internal(set) var files: [File]
    /// Every setting line, in reading order.
    public internal(set) var settings: [Setting]

    /// Why the set could not be read.
    public struct ReadFailure: Error, Equatable, Sendable {
        public let path: String
        public let reason: String
    }

    /// Reads `configFile` and everything it includes. A file included twice (or a loop) is read once.
    public static func read(_ configFile: String, fileSystem: FileSystem) throws(ReadFailure) -> DovecotConfigFiles {
        var set = DovecotConfigFiles(files: [], settings: [])
        try set.load(configFile, scope: [], required: true, fileSystem: fileSystem)
        return set
    }

    private mutating func load(_ path: String, scope outer: [String], required: Bool, fileSystem: FileSystem) throws(ReadFailure) {
        guard !files.contains(where: { $0.path == path }) else { return }
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path, limit: 4 << 20) } catch {
            if !required, error.isMissing { return }
            throw ReadFailure(path: path, reason: error.reason)
        }
        let index = files.count
        let file = File(path: path, bytes: bytes)
        let lines = file.lines
        files.append(file)
        var scope = outer
        var heredoc: String?
        for (number, raw) in lines.enumerated() {
            if let end = heredoc { if raw.trimmingWhitespace() == end { heredoc = nil }; continue }
            let line = Self.withoutComment(raw).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("!include") {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let pattern = DovecotConfigOutput.unquoted(String(parts[1]).trimmingWhitespace())
                let directory = AtomicFileWriter.split(path).directory
                for included in Self.expand(pattern.hasPrefix("/") ? pattern : directory + "/" + pattern) {
                    try load(included, scope: scope, required: parts[0] == "!include", fileSystem: fileSystem)
                }
            } else if line == "}" {
                if scope.count > outer.count { scope.removeLast() }
            } else if line.hasSuffix("{"), !line.contains("=") {
                scope.append(String(line.dropLast()).trimmingWhitespace())
            } else if let equals = line.firstIndex(of: "=") {
                let key = String(line[..<equals]).trimmingWhitespace()
                let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
                if value.hasPrefix("<<") { heredoc = String(value.dropFirst(2)).trimmingWhitespace() }
                settings.append(Setting(file: index, line: number, scope: scope, key: key, value: value))
            }
        }
    }

    /// `line` without a `#` comment (a `#` at the start or after white space, outside quotes).
    static func withoutComment(_ line: String) -> String {
        var quoted = false
        var previous: Character = " "
        var result = ""
        for character in line {
            if character == "\"" { quoted.toggle() }
            if character == "#", !quoted, previous == " " || previous == "\t" { break }
            result.append(character)
            previous = character
        }
        return result
    }

    /// The files a glob names, sorted (as Dovecot reads them); a plain path as itself.
    static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}

extension FileSystemError {
    /// True when the file is not there (an `!include_try` that finds nothing).
    var isMissing: Bool { if case .notFound = self { true } else { false } }
}
