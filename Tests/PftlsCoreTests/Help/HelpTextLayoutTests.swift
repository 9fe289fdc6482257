import Testing
@testable import PftlsCore

extension HelpTests {
    /// The text `pftls explain` prints fits a plain 80-column terminal.
    @Suite struct HelpTextLayoutTests {
        @Test func listFitsEightyColumnsAndNamesEveryEntry() {
            let text = HelpTextLayout.list(ParameterHelpCatalog.sections)
            let lines = text.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
            for help in ParameterHelpCatalog.all {
                #expect(lines.contains { $0.hasPrefix("  \(help.name) ") }, "\(help.name)")
            }
            for section in ParameterHelpCatalog.sections {
                #expect(lines.contains { $0 == "\(section.title):" }, "\(section.title)")
            }
        }

        @Test func listAlignsTheSummaries() {
            let lines = HelpTextLayout.list(ParameterHelpCatalog.sections).split(separator: "\n")
            let column = ParameterHelpCatalog.all.map(\.name.count).max()! + 4
            for line in lines where line.hasPrefix(" ") {
                #expect(line.count > column && line[line.index(line.startIndex, offsetBy: column - 1)] == " "
                        && line[line.index(line.startIndex, offsetBy: column)] != " ", "\(line)")
            }
        }

        @Test(arguments: ParameterHelpCatalog.all)
        func detailFitsSeventyEightColumns(_ help: ParameterHelp) {
            let text = HelpTextLayout.detail(help, value: help.values.first?.value)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.filter { $0.count > 78 })")
            #expect(lines.first?.hasPrefix(help.name) == true)
            #expect(text.contains("See \(help.reference)."))
            for value in help.values { #expect(text.contains(value.summary)) }
        }

        @Test func detailShowsDefaultVersionAndChosenValue() throws {
            let help = try #require(ParameterHelpCatalog.lookup("smtp_tls_security_level"))
            let text = HelpTextLayout.detail(help, value: "dane")
            #expect(text.contains("Default: empty (Postfix 3.7)"))
            #expect(text.contains("Since:   Postfix 2.3"))
            #expect(text.contains("smtp_tls_security_level = dane:"))
            #expect(!HelpTextLayout.detail(help).contains("smtp_tls_security_level = dane:"))
        }

        @Test func wrapReflowsParagraphsAndKeepsExamples() {
            let text = "one two three four five\nsix\n\n    -o keep=this   spacing\n\n- a list item that wraps"
            let lines = HelpTextLayout.wrap(text, width: 12, indent: 1)
            #expect(lines == [" one two", " three four", " five six", "", "     -o keep=this   spacing", "",
                              " - a list", "   item that", "   wraps"])
        }

        @Test func wrapStartsAnOverlongWordOnItsOwnLineAndCutsItAtTheEdge() {
            #expect(HelpTextLayout.wrap("a verylongword b", width: 5) == ["a", "veryl", "ongwo", "rd b"])
        }
    }
}
