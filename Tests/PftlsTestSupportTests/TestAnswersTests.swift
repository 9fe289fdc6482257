import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The answers builder writes what `pftls apply` reads: its text parses to the answers it stands for.
@Suite struct TestAnswersTests {
    @Test func theTextParsesToTheAnswersItDescribes() throws {
        var answers = TestAnswers(certificateDirectory: "/srv/tls \"new\"", privateKey: "/in/k.pem", certificate: "/in/c\\d.pem",
                                  intermediates: ["/in/i1.pem", "/in/i2.pem"],
                                  services: [(.smtp, "127.0.0.1:2525"), (.submissions, "[::1]:4465")])
        answers.smtpdSecurityLevel = "encrypt"
        answers.smtpSecurityLevel = "dane"
        answers.hostname = "mx.example.test"
        answers.layout = .separateFiles
        answers.privateCA = true
        answers.dedicatedNonMX = true
        var expected = Answers(certificateDirectory: "/srv/tls \"new\"", privateKey: "/in/k.pem", certificate: "/in/c\\d.pem",
                               intermediates: ["/in/i1.pem", "/in/i2.pem"], smtpdSecurityLevel: "encrypt", smtpSecurityLevel: "dane",
                               services: [.init(name: .smtp, listen: "127.0.0.1:2525"), .init(name: .submissions, listen: "[::1]:4465")],
                               layout: .separateFiles, hostname: "mx.example.test", dedicatedNonMX: true)
        expected.privateCA = true
        #expect(try AnswersJSON.parse(Array(answers.json.utf8), file: "answers.json") == expected)
    }

    @Test func theDefaultsAreMayBothWaysForMailExampleTest() throws {
        let answers = TestAnswers(certificateDirectory: "/srv/tls", privateKey: "/in/k.pem", certificate: "/in/c.pem", intermediates: [],
                                  services: [(.smtp, "127.0.0.1:25")])
        let parsed = try AnswersJSON.parse(Array(answers.json.utf8), file: "answers.json")
        #expect(parsed == Answers(certificateDirectory: "/srv/tls", privateKey: "/in/k.pem", certificate: "/in/c.pem", intermediates: [],
                                  services: [.init(name: .smtp, listen: "127.0.0.1:25")], hostname: "mail.example.test"))
        #expect(!answers.json.contains("layout") && !answers.json.contains("privateCA") && !answers.json.contains("dedicatedNonMX"))
    }
}
