import Foundation
import Testing
@testable import PftlsCore

/// The message catalog: both languages have every key with the same placeholders,
/// the language is chosen as gettext chooses it, and the tables parse.
@Suite struct CatalogTests {
    @Test func everyKeyExistsInBothLanguagesWithTheSamePlaceholders() {
        let english = Catalog.keys(of: .en)
        let japanese = Catalog.keys(of: .ja)
        #expect(!english.isEmpty)
        #expect(english.subtracting(japanese).sorted() == [], "keys without a Japanese text")
        #expect(japanese.subtracting(english).sorted() == [], "Japanese keys English lacks")
        for key in english.intersection(japanese).sorted() {
            let en = Catalog.placeholders(in: Catalog.template(key, in: .en) ?? "")
            let ja = Catalog.placeholders(in: Catalog.template(key, in: .ja) ?? "")
            #expect(en == ja, "\(key): placeholders \(en.sorted()) in English, \(ja.sorted()) in Japanese")
        }
    }

    @Test func theLanguageIsChosenAsGettextChoosesIt() {
        #expect(Language.resolve(environment: ["LANG": "ja_JP.UTF-8"]) == .ja)
        #expect(Language.resolve(environment: ["LANG": "ja_JP.eucJP"]) == .ja)
        #expect(Language.resolve(environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(environment: ["LANG": "de_DE.UTF-8"]) == .en)
        #expect(Language.resolve(environment: [:]) == .en)
        #expect(Language.resolve(environment: ["LC_ALL": "C", "LANG": "ja_JP.UTF-8"]) == .en, "LC_ALL=C gives English")
        #expect(Language.resolve(environment: ["LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"]) == .ja)
        #expect(Language.resolve(environment: ["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"]) == .en, "LC_ALL first")
        #expect(Language.resolve(environment: ["LANG": "en_US.UTF-8", "LANGUAGE": "ja:en"]) == .ja, "LANGUAGE as gettext")
        #expect(Language.resolve(environment: ["LANG": "C", "LANGUAGE": "ja"]) == .en, "LANGUAGE is ignored under C")
        #expect(Language.resolve(environment: ["LANG": "ja_JP.UTF-8", "LANGUAGE": "fr:de"]) == .ja)
    }

    @Test func placeholdersAreFilledAndUnknownKeysShowThemselves() {
        #expect(Catalog.text("wizard.title", in: .en).contains("Postfix"))
        #expect(Catalog.text("no.such.key", in: .ja) == "no.such.key")
        #expect(Catalog.placeholders(in: "{file} holds {count} keys; {not a name}") == ["file", "count"])
    }

    @Test func stringsTablesParseWithCommentsAndEscapes() throws {
        let entries = try StringsFile.parse("/* c */\n\"a\" = \"x \\\"y\\\"\\n\"; // d\n\"b\"=\"日本語\";")
        #expect(entries.map(\.key) == ["a", "b"])
        #expect(entries.map(\.value) == ["x \"y\"\n", "日本語"])
        #expect(throws: StringsFile.Problem.self) { try StringsFile.parse("\"a\" = \"unterminated;") }
    }

    @Test func stringsTablesKeepCommentMarksInsideStringsAndSkipAByteOrderMark() throws {
        let entries = try StringsFile.parse(Array("\u{FEFF}\"url\" = \"http://x/*y*/\"; /* a\n \"b\" = \"c\"; */\r\n\"t\" = \"\\tx\\\\\";".utf8))
        #expect(entries.map(\.key) == ["url", "t"])
        #expect(entries.map(\.value) == ["http://x/*y*/", "\tx\\"])
    }

    /// A comment ends at the first `*/`, stars inside it or not; one never closed runs to
    /// the end of the table.
    @Test func blockCommentsEndAtTheFirstCloseAndAnOpenOneRunsToTheEnd() throws {
        let entries = try StringsFile.parse("/** a * b **/\"a\" = \"1\"; /* x */ /* y ** / */\"b\" = \"2\"; /*/ \"c\" = \"3\"; */ /* \"d\" = \"4\";")
        #expect(entries.map(\.key) == ["a", "b"])
        #expect(entries.map(\.value) == ["1", "2"])
    }

    /// A damaged table is refused with the line and what was wrong there (the catalog
    /// adds the file's path: CatalogTrustTests).
    @Test func aDamagedTableSaysWhereAndWhat() {
        let cases: [(String, String)] = [
            ("\"a\" = \"x\";\n\"b\" \"y\";", "line 2: expected \"=\""),
            ("\"a\" = \"x\"\n\n\"b\" = \"y\";", "line 3: expected \";\""),
            ("// c\n\"a\" = x;", "line 2: expected a quoted string"),
            ("\"a\" = \"x;\n\n", "line 1: a string is not closed"),
        ]
        for (table, problem) in cases {
            let error = #expect(throws: StringsFile.Problem.self) { try StringsFile.parse(table) }
            #expect(error?.description == problem, "\(table)")
        }
    }

    /// The tables are read in file order into one dictionary: a key that comes again in a
    /// later table replaces the earlier text, and every other key stays.
    @Test func aLaterTableReplacesAKeyAndKeepsTheRest() throws {
        var table = CatalogTable()
        table.fill(with: try StringsFile.parse("\"a\" = \"first\"; \"b\" = \"kept\";") + StringsFile.parse("/* later */ \"a\" = \"second\"; \"c\" = \"new\";"))
        #expect(table["a"] == "second")
        #expect(table["b"] == "kept")
        #expect(table["c"] == "new")
        #expect(table.texts.count == 3)
    }
}
