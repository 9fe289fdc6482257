#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The language pftls speaks: English or Japanese.
///
/// Chosen as gettext chooses the message language, from the environment alone: the
/// host need not have the locale installed (message language is not libc's business).
public enum Language: String, Sendable, CaseIterable {
    case en, ja

    /// The language `environment` asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`
    /// name the locale; "C" or "POSIX" (or nothing) means English. Otherwise GNU
    /// `LANGUAGE` (a colon-separated list) is honoured first, then the locale's own
    /// language: `ja*` gives Japanese, anything else English.
    public static func resolve(environment: [String: String]) -> Language {
        resolve { environment[$0] }
    }

    /// The language the process environment asks for, read with getenv (no copy of
    /// the whole environment on the way to the first frame).
    public static func resolveFromProcessEnvironment() -> Language {
        resolve(variable: ProcessEnvironment.value)
    }

    private static func resolve(variable: (String) -> String?) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap(variable).first { !$0.isEmpty } ?? ""
        let base = locale.split(separator: ".").first.map(String.init) ?? ""
        if base.isEmpty || base == "C" || base == "POSIX" { return .en }
        for entry in (variable("LANGUAGE") ?? "").split(separator: ":") {
            if let chosen = Language(tag: String(entry)) { return chosen }
        }
        return Language(tag: base) ?? .en
    }

    /// The language of a tag such as `ja_JP.UTF-8`, `ja` or `en_GB`; nil for others.
    init?(tag: String) {
        let lowered = tag.lowercased()
        if lowered.hasPrefix("ja") { self = .ja } else if lowered.hasPrefix("en") { self = .en } else { return nil }
    }
}
