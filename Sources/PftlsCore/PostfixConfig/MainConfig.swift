/// main.cf as a list of lines that can be edited without disturbing the rest.
///
/// `render()` of an unedited parse returns the input byte for byte: comments, blank
/// lines, continuation lines, spacing, CRLF line endings and a missing final newline
/// are all kept. Edits touch only the lines of the settings they change.
public struct MainConfig: Equatable, Sendable {
    private(set) var text: ConfigText

    /// Parses main.cf contents. Never fails: lines Postfix would reject are kept as they are.
    public init(parsing contents: String) {
        text = ConfigText(parsing: contents)
    }

    /// Parses main.cf as read from disk, sharing the bytes (no copy of a large file).
    public init(bytes: [UInt8]) {
        text = ConfigText(bytes: bytes)
    }

    /// The file contents, including every edit made so far.
    public func render() -> String {
        text.render()
    }

    /// The unified diff from `original` (the file as read, before the edits) to this one.
    public func diff(from original: MainConfig, oldLabel: String, newLabel: String) -> String {
        text.diff(from: original.text, oldLabel: oldLabel, newLabel: newLabel)
    }

    /// The file contents as bytes, byte for byte where nothing was edited.
    public func renderBytes() -> [UInt8] {
        text.renderBytes()
    }

    /// The active settings in file order, duplicates included.
    public var parameters: [MainParameter] {
        settings().map(\.parameter)
    }

    /// The settings of `name` in file order, duplicates included.
    public func parameters(named name: String) -> [MainParameter] {
        settings(named: name).map(\.parameter)
    }

    /// The names whose settings differ between this file and `other`: each logical line
    /// is compared by its raw lines (comments and blank lines among them left out) under
    /// the name it starts with, so no value is parsed. Only the names of lines the two
    /// files do not share are compared.
    public func namesChanged(comparedTo other: MainConfig) -> Set<String> {
        let names = text.namesOfChangedLines(comparedTo: other.text)
        let mine = text.settings(named: names)
        let theirs = other.text.settings(named: names)
        return names.filter { name in
            let (left, right) = (mine[name] ?? [], theirs[name] ?? [])
            return left.count != right.count || zip(left, right).contains { !text.sameLines($0, as: $1, of: other.text) }
        }
    }

    /// The explicit value of `name`, or nil when main.cf does not set it.
    /// As in Postfix, the last setting wins when a name is set more than once.
    public func value(of name: String) -> String? {
        settings(named: name).last?.parameter.value
    }

    /// The value Postfix would use: the explicit value, else the default, with `$name`,
    /// `${name}`, `${name?value}` and `${name:value}` expanded recursively.
    /// Returns nil when the parameter is neither set nor known to `defaults`.
    public func effectiveValue(of name: String, defaults: PostfixDefaults) -> String? {
        let lookup: (String) -> String? = { value(of: $0) ?? defaults[$0] }
        guard let raw = lookup(name) else { return nil }
        return ParameterExpander(lookup: lookup).expand(raw, expanding: [name])
    }

    /// Sets `name` to `value`, written as `name = value`. The first setting of `name` is
    /// rewritten where it stands and later duplicates are removed, so Postfix does not warn
    /// "overriding earlier entry"; a single setting that already has the value is left as it
    /// is, spelling included. When `name` is not set, the line goes after the last setting
    /// of the file, before trailing comments such as a modeline or "DO NOT EDIT BELOW".
    public mutating func set(_ name: String, _ value: String) throws {
        try Self.validate(name: name, value: value)
        let existing = settings(named: name)
        let newLine = value.isEmpty ? "\(name) =" : "\(name) = \(value)"
        guard let first = existing.first else {
            insertAfterLastSetting(newLine)
            return
        }
        if existing.count == 1 && first.logical.continuations.isEmpty && first.parameter.value == value { return }
        text.setText(newLine, ofLine: first.logical.head)
        let doomed = first.logical.continuations + existing.dropFirst().flatMap(\.logical.lineIndices)
        text.removeLines(at: doomed)
    }

    /// Inserts a new setting line after the last line that belongs to a setting; a file
    /// that ended without a newline still does.
    private mutating func insertAfterLastSetting(_ line: String) {
        guard let last = (0..<text.lineCount).last(where: { [.start, .continuation].contains(text.kind(ofLine: $0)) }) else {
            text.append([line])
            return
        }
        text.insert([line], at: last + 1)
    }

    /// Removes every active setting of `name`, continuation lines included.
    /// Comment lines are left alone.
    public mutating func remove(_ name: String) {
        text.removeLines(at: settings(named: name).flatMap(\.logical.lineIndices))
    }

    private struct Setting {
        let logical: LogicalLine
        let parameter: MainParameter
    }

    private func settings() -> [Setting] {
        text.logicalLines().compactMap { logical in
            MainConfigLineParser.parameter(logical, in: text).map { Setting(logical: logical, parameter: $0) }
        }
    }

    /// The settings of `name`: only lines that start a logical line with `name` are parsed.
    private func settings(named name: String) -> [Setting] {
        guard !name.isEmpty else { return [] }
        return text.lineIndices(startingWith: Array(name.utf8)).compactMap { head in
            guard text.kind(ofLine: head) == .start else { return nil }
            let logical = text.logicalLine(startingAt: head)
            guard let parameter = MainConfigLineParser.parameter(logical, in: text), parameter.name == name else { return nil }
            return Setting(logical: logical, parameter: parameter)
        }
    }

    private static func validate(name: String, value: String) throws {
        guard MainConfigLineParser.isValidName(name) else { throw PostfixConfigError.invalidParameterName(name) }
        if value.contains(where: { $0.isNewline }) {
            throw PostfixConfigError.invalidValue(name: name, value: value, reason: Catalog.text("config.value.lineBreak"))
        }
        if MainConfigLineParser.trimmed(value[...]).count != value.count {
            throw PostfixConfigError.invalidValue(name: name, value: value, reason: Catalog.text("config.value.surroundingWhitespace"))
        }
    }
}
