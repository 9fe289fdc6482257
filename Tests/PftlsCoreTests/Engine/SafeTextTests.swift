import Testing
@testable import PftlsCore
import PftlsTestSupport

@Suite struct SafeTextTests {
    @Test func escapesC0C1DELAndBidi() {
        #expect(SafeText.escape("a\u{1B}[2Jb") == "a\\x1b[2Jb")
        #expect(SafeText.escape("x\u{9B}y") == "x\\x9by")
        #expect(SafeText.escape("del\u{7F}") == "del\\x7f")
        #expect(SafeText.escape("moc.\u{202E}elgoog") == "moc.\\u{202E}elgoog")
        #expect(SafeText.escape("tab\tnl\n") == "tab\\tnl\\n")
        #expect(SafeText.escape("日本語 ok") == "日本語 ok")
    }

    @Test func invalidUTF8BecomesHex() {
        #expect(SafeText.escape(bytes: [0x41, 0xFF, 0x42]) == "A\\xffB")
        #expect(SafeText.escape(bytes: Array("é".utf8)) == "é")
    }

    @Test func certificateSubjectsAreEscaped() throws {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let hostile = try CertificateFactory.issue(.server("evil\u{1B}]0;pwned\u{07}\u{202E}.test", names: ["a.test"]), subjectKey: key)
        #expect(!hostile.subject.contains("\u{1B}"))
        #expect(!hostile.subject.contains("\u{202E}"))
        #expect(hostile.subject.contains("\\x1b"))
        let text = InspectionText(Inspector.testing().inspect(decoded: [], options: InspectionOptions())).render()
        #expect(!text.contains("\u{1B}"))
    }
}
