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
        ("(default: ", "ap.default-open"), ("(default)", "ap.default"), ("(values: ", "ap.values-open"), ("; default: ", "ap.default-inline"),
    ]

    /// `text` with the library's phrases in the current language, laid out again by
    /// display width.
    static func localize(_ text: String) -> String {
        guard Catalog.language != .en else { return text }
        var result = text
        for (phrase, key) in phrases {
            result = result.replacing(phrase, with: Catalog.text(key))
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
}
