import Glibc
import Synchronization

/// The message catalog: every text pftls shows a person, in English and Japanese,
/// read from the `.strings` tables under Resources/Catalog/<language>/.
///
/// Texts are looked up by key; `{name}` placeholders are filled from the arguments.
/// Finding codes, parameter names, paths and JSON keys are never in the catalog.
public enum Catalog {
    private static let chosen = Mutex(Language.resolveFromProcessEnvironment())
    /// Each language's tables, read the first time one of its texts is needed.
    private static let english = AskedOnce { load(.en) }
    private static let japanese = AskedOnce { load(.ja) }

    /// A language for the current task only (tests draw Japanese and English screens
    /// side by side); nil leaves the process-wide choice in force.
    @TaskLocal private static var override: Language?

    /// Runs `body` with texts in `language` for the current task only (nil: the
    /// process-wide choice).
    public static func withLanguage<Result>(_ language: Language?, _ body: () throws -> Result) rethrows -> Result {
        try $override.withValue(language, operation: body)
    }

    /// The language texts are given in; set once at start-up (`--lang`, or the environment).
    public static var language: Language {
        get { override ?? chosen.withLock { $0 } }
        set { chosen.withLock { $0 = newValue } }
    }

    /// The text for `key` in the current language with `{name}` placeholders filled in;
    /// English when the key lacks a translation, the key itself when it is unknown.
    public static func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        text(key, arguments, in: language)
    }

    /// The text for `key` in `language`.
    public static func text(_ key: String, _ arguments: [String: String] = [:], in language: Language) -> String {
        let template = table(language)[key] ?? (language == .en ? nil : table(.en)[key]) ?? key
        return fill(template, arguments)
    }

    /// Every key of `language`'s tables (for the catalog's own tests).
    public static func keys(of language: Language) -> Set<String> { Set(table(language).texts.keys) }

    /// The raw template of `key` in `language`, placeholders unfilled.
    public static func template(_ key: String, in language: Language) -> String? { table(language)[key] }

    /// `language`'s table, read on first use.
    private static func table(_ language: Language) -> CatalogTable {
        switch language {
        case .en: english.value
        case .ja: japanese.value
        }
    }

    /// Why the installed catalog cannot be used (missing, writable by others, or
    /// damaged), or nil. Asked before any terminal is set up, so that a broken
    /// installation is reported on an ordinary terminal, and never by an exit while
    /// curses owns the screen.
    public static var installationProblem: String? {
        table(language).problem ?? (language == .en ? nil : table(.en).problem)
    }

    /// The `{name}` placeholders a template uses.
    public static func placeholders(in template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `template` with each `{name}` that `arguments` names replaced by its value, in one
    /// pass: a value that holds `{name}` itself is not filled again.
    private static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result.append(contentsOf: rest[..<open])
            let afterOpen = rest.index(after: open)
            if let close = rest[open...].firstIndex(of: "}"), let value = arguments[String(rest[afterOpen..<close])] {
                result.append(value)
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        result.append(contentsOf: rest)
        return result
    }

    // MARK: Loading

    /// Where the tables are: beside the installed binary (`/usr/share/pftls/catalog`
    /// for a package), else in the source tree for a development build.
    static var searchPaths: [String] {
        let directory = parent(of: executablePath ?? CommandLine.arguments[0])
        return [
            parent(of: directory) + "/share/pftls/catalog",
            parent(of: parent(of: "\(#filePath)")) + "/Resources/Catalog",
        ]
    }

    private static func parent(of path: String) -> String { AtomicFileWriter.split(path).directory }

    /// The running binary, from /proc/self/exe.
    private static var executablePath: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Reads every `.strings` table of `language` from the first catalog that is there
    /// and safe. A catalog decides what root's output says, so its directories and files
    /// must belong to root (or to the user running pftls) and be writable by nobody else;
    /// an unsafe one is passed over. The texts of this file are not from the catalog: they
    /// report that it cannot be used. On a problem the table says why, and lookups give keys.
    private static func load(_ language: Language) -> CatalogTable {
        var table = CatalogTable()
        let files = LocalFileSystem()
        let present = searchPaths.filter { access($0 + "/en", F_OK) == 0 }
        guard let root = present.first(where: { isSafe($0) && isSafe($0 + "/" + language.rawValue) }) else {
            table.problem = present.isEmpty
                ? "pftls: the message catalog is missing (looked in \(searchPaths.joined(separator: ", "))); reinstall pftls."
                : "pftls: the message catalog in \(SafeText.escape(present[0])) may be changed by users other than root; "
                  + "make it owned by root and not writable by group or others (chown -R root: DIR; chmod -R go-w DIR), or reinstall pftls."
            return table
        }
        let directory = root + "/" + language.rawValue
        var entries: [(key: String, value: String)] = []
        for name in ((try? files.contentsOfDirectory(directory)) ?? []).sorted() where name.hasSuffix(".strings") {
            let path = directory + "/" + name
            guard isSafe(path) else {
                table.problem = "pftls: \(SafeText.escape(path)) may be changed by users other than root; make it owned by root and not writable by group or others, or reinstall pftls."
                continue
            }
            guard let bytes = try? files.readFile(path, limit: 1 << 20) else { continue }
            do {
                entries.append(contentsOf: try StringsFile.parse(bytes))
            } catch {
                table.problem = "pftls: \(SafeText.escape(path)): \(error.description); reinstall pftls."
            }
        }
        table.fill(with: entries)
        return table
    }

    /// True when `path` (followed through links) belongs to root or to the user running
    /// pftls, and neither group nor others may write it.
    private static func isSafe(_ path: String) -> Bool {
        guard let status = (try? LocalFileSystem().statusFollowingLinks(of: path)) ?? nil else { return false }
        return (status.ownerID == 0 || status.ownerID == geteuid()) && !status.isWritableByGroupOrOthers
    }
}
