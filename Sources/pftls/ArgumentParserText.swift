import FoundationEssentials
import Glibc
import PftlsCore

/// swift-argument-parser writes its own headings and errors ("USAGE:", "Show help
/// information.", "Missing expected argument") in English. Its help and error text
/// pass through here, and those phrases are replaced by the catalog's.
enum ArgumentParserText {
    /// The library's phrases, each with the catalog key of its translation.
    private static let phrases: [(String, String)] = [
        ("OVERVIEW:", "ap.overview"), ("USAGE:", "ap.usage"), ("Usage:", "ap.usage-inline"),
        ("ARGUMENTS:", "ap.arguments"), ("OPTIONS:", "ap.options"), ("SUBCOMMANDS:", "ap.subcommands"),
        ("Show the version.", "ap.show-version"), ("Show help information.", "ap.show-help"),
        ("See 'pftls help <subcommand>' for detailed help.", "ap.see-subcommand-help"),
        ("Missing expected argument", "ap.missing-argument"), ("Unknown option", "ap.unknown-option"),
        ("Unexpected argument", "ap.unexpected-argument"), ("The value", "ap.the-value"),
        ("is invalid for", "ap.is-invalid-for"), ("Error:", "ap.error"), ("Help:", "ap.help"),
        ("(default: ", "ap.default-open"), (" (default)", "ap.default"), ("(values: ", "ap.values-open"), ("; default: ", "ap.default-inline"),
        ("<subcommand>", "ap.subcommand"),
    ]

    /// `text` with the library's phrases in the current language, laid out again by
    /// display width.
    static func localize(_ text: String) -> String {
        guard Catalog.language != .en else { return text }
        var result = errorMessages(valueLists(text))
        for (phrase, key) in phrases {
            let translation = Catalog.text(key)
            // A full-width colon (Japanese "：") takes the place of the ASCII colon and the space after it.
            if phrase.hasSuffix(":"), translation.hasSuffix("：") {
                result = result.replacing(phrase + "  ", with: phrase + " ").replacing(phrase + " ", with: translation)
            }
            result = result.replacing(phrase, with: translation)
            // The help may wrap right after a phrase's closing space: "(values:" ends the line.
            if phrase.hasSuffix(" ") { result = result.replacing(phrase.dropLast() + "\n", with: Catalog.text(key).trimmingBlanks() + "\n") }
        }
        // "  See 'pftls apply --help' for more information."
        result = result.replacing(#/See '([^']+)' for more information\./#) { match in
            Catalog.text("ap.see-more", ["command": String(match.output.1)])
        }
        // The parser wrapped and aligned by characters; Japanese takes two cells each.
        return CommandHelpLayout.layOut(result)
    }

    /// The parser's error messages that quote an option or a value, in the catalog's word order.
    private static func errorMessages(_ text: String) -> String {
        text.replacing(#/Missing expected argument '([^']+)'\.?/#) { Catalog.text("ap.missing-argument-named", ["argument": String($0.output.1)]) }
            .replacing(#/Missing value for '([^']+)'\.?/#) { Catalog.text("ap.missing-value", ["option": String($0.output.1)]) }
            .replacing(#/Unknown option '([^']+)'\.?/#) { Catalog.text("ap.unknown-option-named", ["option": String($0.output.1)]) }
            .replacing(#/Unexpected argument '([^']+)'\.?/#) { Catalog.text("ap.unexpected-argument-named", ["argument": String($0.output.1)]) }
            .replacing(#/[ \t]*Did you mean '([^']+)'\?/#) { Catalog.text("ap.did-you-mean", ["option": String($0.output.1)]) }
            .replacing(#/The value '([^']*)' is invalid for '([^']+)'/#) { match in
                Catalog.text("ap.value-invalid", ["given": String(match.output.1), "option": String(match.output.2)])
            }
            .replacing(#/\.?\s*Please provide one of (.+?)\./#) { match in
                let values = match.output.1.split(separator: ", ").flatMap { $0.split(separator: " or ") }.map(String.init)
                return Catalog.text("ap.provide-one-of", ["values": values.joinedAsList()])
            }
    }

    /// The parser's "(default: X)", "(values: a, b)" and "(values: a, b; default: X)" after an
    /// option's description, which it may have wrapped anywhere inside, written as the catalog
    /// writes them: the language's parentheses and list separator, on one line (the layout
    /// breaks it again).
    private static func valueLists(_ text: String) -> String {
        let unwrapped = { (piece: Substring) in piece.split(separator: "\n").map { $0.trimmingBlanks() }.joined(separator: " ") }
        let values = { (piece: Substring) in unwrapped(piece).split(separator: ",").map { $0.trimmingBlanks() }.joinedAsList() }
        return text
            .replacing(#/[ \n]*\(values:\s+([^;)]*);\s+default:\s+([^)]*)\)/#) { match in
                Catalog.text("ap.values-default", ["values": values(match.output.1), "default": unwrapped(match.output.2)])
            }
            .replacing(#/[ \n]*\(values:\s+([^)]*)\)/#) { match in Catalog.text("ap.values-list", ["values": values(match.output.1)]) }
            .replacing(#/[ \n]*\(default:\s+([^)]*)\)/#) { match in Catalog.text("ap.default-value", ["default": unwrapped(match.output.1)]) }
    }
}
