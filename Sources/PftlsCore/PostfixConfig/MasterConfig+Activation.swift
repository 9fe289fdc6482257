extension MasterConfig {
    /// Comments out every active entry for `key`, prefixing each of its lines with `#`.
    public mutating func disable(_ key: ServiceKey) throws {
        let entries = activeEntries(matching: key)
        guard !entries.isEmpty else { throw PostfixConfigError.serviceNotFound(key) }
        for index in entries.flatMap(\.logical.lineIndices) {
            text.setText("#" + text.lines[index].text, ofLine: index)
        }
    }

    /// Makes `key` active. Nothing changes when it is active already; otherwise the first
    /// commented-out entry for it (such as the `#submission inet n - y - - smtpd` block
    /// Debian ships) is uncommented in place: its first line and the continuation lines
    /// that hold options or arguments. Commented prose inside the block stays a comment,
    /// which Postfix skips, and so does a commented option indented unlike the block's
    /// first one (a separate note, such as the `#       -o smtp_helo_timeout=5` under
    /// Debian's relay entry).
    ///
    /// `keepCommented` sees each `-o` option line of the block with its 1-based line number;
    /// returning true leaves that line a comment (for example one that refers to a parameter
    /// main.cf does not define).
    public mutating func enable(_ key: ServiceKey, keepCommented: (MasterOption, Int) -> Bool = { _, _ in false }) throws {
        guard activeEntries(matching: key).isEmpty else { return }
        guard let template = CommentedMasterEntry.all(in: text).first(where: { $0.key == key }) else {
            throw PostfixConfigError.templateNotFound(key)
        }
        for index in [template.head] + template.codeLines {
            let body = String(text.lines[index].text.dropFirst())
            if index != template.head, let option = Self.singleOption(body), keepCommented(option, index + 1) { continue }
            text.setText(body, ofLine: index)
        }
    }

    /// The option of a line that holds exactly `-o name=value`, or nil.
    private static func singleOption(_ body: String) -> MasterOption? {
        let tokens = MasterToken.tokenize([(0, body)])
        guard tokens.count == 2, tokens[0].text == "-o" else { return nil }
        return MasterOption(token: tokens[1].text)
    }

    /// The keys of the commented-out entries that `enable` can bring back, in file order.
    public var commentedServices: [ServiceKey] {
        CommentedMasterEntry.all(in: text).map(\.key)
    }
}

/// A master.cf entry that has been commented out line by line with `#`.
struct CommentedMasterEntry {
    /// The service it would define.
    let key: ServiceKey
    /// The `#service type ...` line.
    let head: Int
    /// Commented continuation lines that hold options or arguments (not prose).
    let codeLines: [Int]

    /// Every commented-out entry in the file.
    static func all(in text: ConfigText) -> [CommentedMasterEntry] {
        let lines = text.lines
        var result: [CommentedMasterEntry] = []
        for (index, line) in lines.enumerated() {
            guard let key = commentedServiceKey(line) else { continue }
            var codeLines: [Int] = []
            var codeIndentation: String?
            var next = index + 1
            while next < lines.count, let body = commentedContinuation(lines[next]) {
                if looksLikeArguments(body.text) {
                    // A commented option indented unlike the block's first one is a separate
                    // note (Debian's "#       -o smtp_helo_timeout=5" under relay), not part of it.
                    if codeIndentation.map({ $0 != body.indentation }) == true { break }
                    codeIndentation = body.indentation
                    codeLines.append(next)
                }
                next += 1
            }
            result.append(CommentedMasterEntry(key: key, head: index, codeLines: codeLines))
        }
        return result
    }

    /// The key of a `#name type private unpriv chroot wakeup maxproc command` line.
    private static func commentedServiceKey(_ line: ConfigLine) -> ServiceKey? {
        guard line.text.hasPrefix("#") else { return nil }
        let body = ConfigLine(text: String(line.text.dropFirst()), terminator: "")
        guard body.kind == .start else { return nil }
        let tokens = MasterToken.tokenize([(0, body.text)])
        guard tokens.count >= MasterEntry.fieldCount, MasterLayout.serviceTypes.contains(tokens[1].text) else { return nil }
        return ServiceKey(tokens[0].text, tokens[1].text)
    }

    /// What follows `#` on a `#  continuation` line, or nil for any other line.
    private static func commentedContinuation(_ line: ConfigLine) -> ConfigLine? {
        guard line.text.hasPrefix("#") else { return nil }
        let body = ConfigLine(text: String(line.text.dropFirst()), terminator: "")
        return body.kind == .continuation ? body : nil
    }

    /// True when a commented continuation line holds `-o ...`, another option, or
    /// `name=value` arguments, rather than prose such as "#     Instead of specifying ...".
    private static func looksLikeArguments(_ body: String) -> Bool {
        guard let first = MasterToken.tokenize([(0, body)]).first?.text else { return false }
        if first.hasPrefix("-") || first.hasPrefix("{") { return true }
        guard let equals = first.firstIndex(of: "=") else { return false }
        return MainConfigLineParser.isValidName(String(first[..<equals]))
    }
}
