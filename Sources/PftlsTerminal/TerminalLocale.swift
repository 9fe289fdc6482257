import Glibc

/// The locale the wizard draws with. When LANG or LC_* names a UTF-8 locale that is
/// not installed (common when ssh forwards the client's locale), `setlocale` fails
/// and curses would fall back to ASCII, turning file names into `~` and dropping the
/// arrows; pftls then draws UTF-8 through C.UTF-8, which glibc always has.
public enum TerminalLocale {
    /// Sets the process locale from the environment, falling back to C.UTF-8 when the
    /// environment asks for UTF-8 that is not installed; true when the result is UTF-8.
    @discardableResult
    public static func setUp(environment: [String: String]) -> Bool {
        setUp { environment[$0] }
    }

    /// `setUp(environment:)` on the process environment, read with getenv; done once per
    /// process (the glyph choice and the terminal session both ask).
    @discardableResult
    public static func setUp() -> Bool { processLocaleIsUTF8 }

    private static let processLocaleIsUTF8: Bool = setUp { getenv($0).map { String(cString: $0) } }

    private static func setUp(variable: (String) -> String?) -> Bool {
        if setlocale(LC_ALL, "") == nil || !codesetIsUTF8, asksForUTF8(variable) {
            setlocale(LC_ALL, "C.UTF-8")
        }
        return codesetIsUTF8
    }

    /// True when the locale in force encodes UTF-8.
    public static var codesetIsUTF8: Bool {
        namesUTF8(String(cString: nl_langinfo(nl_item(CODESET))))
    }

    /// True when the variable that decides the character type (LC_ALL, then LC_CTYPE,
    /// then LANG) names UTF-8.
    static func asksForUTF8(_ environment: [String: String]) -> Bool {
        asksForUTF8 { environment[$0] }
    }

    private static func asksForUTF8(_ variable: (String) -> String?) -> Bool {
        let deciding = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap(variable).first { !$0.isEmpty } ?? ""
        let name = deciding.prefix { $0 != "@" }
        guard let dot = name.lastIndex(of: ".") else { return false }
        return namesUTF8(String(name[name.index(after: dot)...]))
    }

    /// "UTF-8", "utf8", "UTF8" and the like.
    private static func namesUTF8(_ codeset: String) -> Bool {
        codeset.uppercased().filter { $0 != "-" } == "UTF8"
    }
}
