extension MasterConfig {
    /// Sets `-o name=value` for the service Postfix uses for `key`.
    ///
    /// An existing override is rewritten where it stands and later duplicates of it are
    /// removed. A new one goes on its own continuation line, with the entry's indentation,
    /// right after the entry's last option line (or before the command's first non-option
    /// argument, which must follow the options). Values with spaces are written as
    /// `-o { name = value }`.
    public mutating func setOption(_ name: String, _ value: String, for key: ServiceKey) throws {
        let entry = try lastActiveEntry(matching: key)
        let token = try MasterOption(name: name, value: value).renderedToken()
        let occurrences = entry.optionOccurrences.filter { $0.option.name == name }
        guard let first = occurrences.first else {
            insertOption(token, into: entry)
            return
        }
        let laterTokens = Set(occurrences.dropFirst().flatMap { [$0.flagIndex, $0.valueIndex] })
        guard let removal = MasterTokenRemoval(removing: laterTokens, from: entry) else {
            var service = entry.service!
            service.options = Self.options(service.options, setting: name, to: value)
            try rewrite(entry, as: service)
            return
        }
        let flag = entry.tokens[first.flagIndex]
        let valueToken = entry.tokens[first.valueIndex]
        let flagOnSameLine = flag.start.line == valueToken.start.line
        let replacement = LineEdit(
            line: valueToken.start.line,
            range: (flagOnSameLine ? flag.start : valueToken.start).offset..<valueToken.end.offset,
            replacement: flagOnSameLine ? "-o " + token : token
        )
        text.apply(removal.edits + [replacement])
        text.removeLines(at: removal.deletedLines)
    }

    /// Removes every `-o name=...` from the service Postfix uses for `key`.
    /// A continuation line left empty is deleted.
    public mutating func removeOption(_ name: String, for key: ServiceKey) throws {
        let entry = try lastActiveEntry(matching: key)
        let doomed = Set(entry.optionOccurrences.filter { $0.option.name == name }.flatMap { [$0.flagIndex, $0.valueIndex] })
        guard !doomed.isEmpty else { return }
        guard let removal = MasterTokenRemoval(removing: doomed, from: entry) else {
            var service = entry.service!
            service.options.removeAll { $0.name == name }
            try rewrite(entry, as: service)
            return
        }
        text.apply(removal.edits)
        text.removeLines(at: removal.deletedLines)
    }

    private mutating func insertOption(_ token: String, into entry: MasterEntry) {
        let optionLine = entry.continuationIndentation(in: text) + "-o " + token
        guard let positional = entry.firstPositionalArgument else {
            let lastOptionLine = entry.optionOccurrences.last.map { entry.tokens[$0.valueIndex].end.line }
            text.insert([optionLine], at: (lastOptionLine ?? entry.logical.last) + 1)
            return
        }
        let line = positional.start.line
        if line != entry.logical.head && text.lines[line].indentation.utf8.count == positional.start.offset {
            text.insert([optionLine], at: line)
        } else {
            let at = positional.start.offset
            text.apply([LineEdit(line: line, range: at..<at, replacement: "-o " + token + " ")])
        }
    }

    /// `options` with the first `name` set to `value` and later ones dropped, or `name` appended.
    private static func options(_ options: [MasterOption], setting name: String, to value: String) -> [MasterOption] {
        guard let first = options.firstIndex(where: { $0.name == name }) else {
            return options + [MasterOption(name: name, value: value)]
        }
        var result = options.enumerated().filter { $0.offset <= first || $0.element.name != name }.map(\.element)
        result[first].value = value
        return result
    }
}
