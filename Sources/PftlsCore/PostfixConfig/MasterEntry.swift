/// A master.cf logical line split into tokens, with the positions needed to edit it in place.
struct MasterEntry: Sendable {
    /// Where an `-o` override stands among the tokens.
    struct OptionOccurrence: Sendable {
        /// The override.
        let option: MasterOption
        /// Index of the `-o` token.
        let flagIndex: Int
        /// Index of the `name=value` token.
        let valueIndex: Int
    }

    /// The physical lines of the entry.
    let logical: LogicalLine
    /// Its words.
    let tokens: [MasterToken]
    /// The `-o` overrides, in order.
    let optionOccurrences: [OptionOccurrence]
    /// Indices of the command's arguments that are neither `-o` nor its value.
    let argumentIndices: [Int]

    /// Number of tokens up to and including the command.
    static let fieldCount = 8

    /// Tokenizes the logical line.
    init(_ logical: LogicalLine, in text: ConfigText) {
        self.logical = logical
        tokens = MasterToken.tokenize(logical, in: text)
        var occurrences: [OptionOccurrence] = []
        var arguments: [Int] = []
        var index = Self.fieldCount
        while index < tokens.count {
            if tokens[index].text == "-o", index + 1 < tokens.count, let option = MasterOption(token: tokens[index + 1].text) {
                occurrences.append(OptionOccurrence(option: option, flagIndex: index, valueIndex: index + 1))
                index += 2
            } else {
                arguments.append(index)
                index += 1
            }
        }
        optionOccurrences = occurrences
        argumentIndices = arguments
    }

    /// The service name and type, when the line has at least two words.
    var key: ServiceKey? {
        tokens.count >= 2 ? ServiceKey(tokens[0].text, tokens[1].text) : nil
    }

    /// The service, when the line has all eight fields.
    var service: MasterService? {
        guard tokens.count >= Self.fieldCount else { return nil }
        let fields = tokens.prefix(Self.fieldCount).map(\.text)
        return MasterService(
            name: fields[0], type: fields[1], privateAccess: fields[2], unprivileged: fields[3],
            chroot: fields[4], wakeup: fields[5], processLimit: fields[6], command: fields[7],
            options: optionOccurrences.map(\.option), arguments: argumentIndices.map { tokens[$0].text }
        )
    }

    /// The first argument that is not an option: new `-o` options must come before it.
    var firstPositionalArgument: MasterToken? {
        argumentIndices.lazy.map { tokens[$0] }.first { !$0.text.hasPrefix("-") }
    }

    /// The leading whitespace new continuation lines should copy: that of the first
    /// `-o` line, else of any continuation line, else Debian's two spaces.
    func continuationIndentation(in text: ConfigText) -> String {
        let continuations = logical.continuations.map { text.lines[$0] }
        let optionLine = continuations.first { $0.text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("-o") }
        return (optionLine ?? continuations.first)?.indentation ?? MasterLayout.defaultIndentation
    }
}
