extension FindingCode {
    /// master.cf holds text damaged by copying it from a web page (typographic dashes,
    /// `net` for `inet`, `-o` lines that lost their indentation).
    public static let masterCfPasteDamage: FindingCode = "master-cf-paste-damage"
}

/// One place where master.cf was damaged by pasting text from a web page.
public struct PasteDamage: Equatable, Sendable {
    /// What is wrong.
    public enum Kind: Equatable, Sendable {
        /// Typographic dashes (`–`, `—`, `−`, ...) where ASCII `-` belongs; `places` names
        /// the fields or words that hold them.
        case typographicDash(character: Unicode.Scalar, places: [String])
        /// `net` in the type field, where `inet` belongs.
        case netForInet
        /// An `-o` line that starts at the beginning of the line, so Postfix reads it as a
        /// new service named `-o`.
        case unindentedOption
    }

    /// What is wrong.
    public let kind: Kind
    /// The 1-based physical line number.
    public let lineNumber: Int
    /// True when `MasterConfig.repaired()` fixes it. An unindented `-o` line is only
    /// repaired when it directly follows the service it belongs to.
    public let isRepairable: Bool

    /// The damage as an error finding for `file`.
    public func finding(file: String) -> Finding {
        let place = Catalog.text("place.file-line", ["file": SafeText.escape(file), "line": "\(lineNumber)"])
        let (message, repair): (String, String)
        switch kind {
        case .typographicDash(let character, let places):
            let name = character.properties.name.map { " \($0)" } ?? ""
            message = Catalog.text("paste.notHyphen", ["place": "\(place)", "fields": "\(Self.list(places))", "character": "\(SafeText.escape(String(character)))", "codePoint": "\(Self.hex(character))", "name": "\(name)"])
            repair = Catalog.text("paste.notHyphenRepair")
        case .netForInet:
            message = Catalog.text("paste.netType", ["place": "\(place)"])
            repair = Catalog.text("paste.netTypeRepair")
        case .unindentedOption:
            message = Catalog.text("paste.optionAtLineStart", ["place": "\(place)"])
            repair = isRepairable
                ? Catalog.text("paste.indentRepair")
                : Catalog.text("paste.indentAndMoveRepair")
        }
        let hint = isRepairable ? Catalog.text("paste.pftlsCanRepair", ["repair": repair]) : repair
        return Finding(.masterCfPasteDamage, .error, file: file, message: message, hint: hint)
    }

    private static func list(_ places: [String]) -> String {
        switch places.count {
        case 1: Catalog.text("list.one", ["item": places[0]])
        default: Catalog.text("list.and", ["items": places.dropLast().joinedAsList(), "last": places[places.count - 1]])
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
