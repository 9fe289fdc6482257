import PftlsCore

/// `--lang en|ja`, accepted anywhere on the command line (`--lang ja` or `--lang=ja`).
enum LanguageOption {
    /// A `--lang` value that is not a language pftls speaks.
    struct Invalid: Error, CustomStringConvertible {
        let value: String
        var description: String {
            Catalog.text("cli.lang-invalid", ["language": SafeText.escape(value)])
        }
    }

    /// Removes `--lang` and its value from `arguments`; the language it names, if given.
    static func take(from arguments: inout [String]) throws(Invalid) -> Language? {
        var chosen: Language?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var value: String?
            if argument == "--lang", index + 1 < arguments.count {
                value = arguments[index + 1]
                arguments.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
                arguments.remove(at: index)
            } else if argument == "--" {
                break
            } else {
                index += 1
                continue
            }
            guard let value, let language = Language(rawValue: value) else { throw Invalid(value: value ?? "") }
            chosen = language
        }
        return chosen
    }
}
