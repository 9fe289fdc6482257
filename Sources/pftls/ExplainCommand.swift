import ArgumentParser
import PftlsCore

/// `pftls explain [PARAM]`: the long help for the TLS parameters pftls writes or
/// reads, the security levels, the file layouts and the services.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: Catalog.text("cli.explain.abstract"),
        discussion: Catalog.text("cli.ExplainCommand.discussion")
    )

    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp(Catalog.text("cli.explain.parameterHelp"),
                                 valueName: "PARAM"))
    var words: [String] = []

    /// The words given, as one query: `-o name=value` arrives as two.
    private var query: String { words.joined(separator: " ") }

    func validate() throws {
        if words.count > 2 || (words.count == 2 && words[0] != "-o") {
            throw ValidationError(Catalog.text("explain.needsName"))
        }
        guard !words.isEmpty else { return }
        guard let help = ParameterHelpCatalog.lookup(query) else { throw ValidationError(Self.unknown(query)) }
        if let value = HelpQuery(query).value, !help.values.isEmpty, help.value(value) == nil {
            let valid = help.values.map(\.value).joinedAsList()
            throw ValidationError(Catalog.text("explain.invalidValue", ["given": "\(SafeText.escape(value))", "name": "\(help.name)", "valid": "\(valid)"]))
        }
    }

    func run() throws {
        guard let help = ParameterHelpCatalog.lookup(query) else {
            print(HelpTextLayout.list(ParameterHelpCatalog.sections), terminator: "")
            return
        }
        print(HelpTextLayout.detail(help, value: HelpQuery(query).value), terminator: "")
    }

    /// The message for a name the catalog does not have, with close matches.
    static func unknown(_ query: String) -> String {
        let name = SafeText.escape(HelpQuery(query).name)
        let close = ParameterHelpCatalog.suggestions(for: query)
        if close.isEmpty { return Catalog.text("explain.unknownName", ["name": "\(name)"]) }
        return Catalog.text("explain.unknownNameSuggestions", ["name": "\(name)", "suggestions": "\(close.joinedAsList())"])
    }
}
