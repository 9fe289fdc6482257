import Foundation

/// The locale the wizard draws with. When LANG or LC_* names a UTF-8 locale that is
/// not installed (common when ssh forwards the client's locale), `setlocale` fails
/// and curses would fall back to ASCII, turning file names into `~` and dropping the
/// arrows; pftls then draws UTF-8 through C.UTF-8, which glibc always has.
public enum TerminalLocale {
    /// Sets the process locale from the environment, falling back to C.UTF-8 when the
    /// environment asks for UTF-8 that is not installed; true when the result is UTF-8.
    @discardableResult
    public static func setUp(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if setlocale(LC_ALL, "") == nil || !codesetIsUTF8, asksForUTF8(environment) {
            setlocale(LC_ALL, "C.UTF-8")
        }
        return codesetIsUTF8
    }

    /// True when the locale in force encodes UTF-8.
    public static var codesetIsUTF8: Bool {
        String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
    }

    /// True when the variable that decides the character type (LC_ALL, then LC_CTYPE,
    /// then LANG) names UTF-8.
    static func asksForUTF8(_ environment: [String: String]) -> Bool {
        let deciding = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let normalized = deciding.uppercased().replacingOccurrences(of: "-", with: "")
        return normalized.hasSuffix(".UTF8") || normalized.contains(".UTF8@")
    }
}
