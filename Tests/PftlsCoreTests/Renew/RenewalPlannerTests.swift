import Testing
@testable import PftlsCore
import PftlsTestSupport

@Suite struct RenewalPlannerTests {
    let pki = TestPKI.shared

    @Test func namesDroppedWhenTheNewCertificateCoversLess() throws {
        let old = try pki.issueLeaf(.server("mail.example.test", names: ["mail.example.test", "smtp.example.test"])).certificate
        let narrower = try pki.issueLeaf(.server("mail.example.test")).certificate
        let dropped = RenewalPlanner.droppedNames(old: old, new: narrower, file: "new.pem")
        #expect(dropped.map(\.code) == [.namesDropped])
        #expect(dropped.first?.message.contains("DNS:smtp.example.test") == true)
        #expect(dropped.first?.severity == .warning)
        #expect(RenewalPlanner.droppedNames(old: narrower, new: old, file: "new.pem").isEmpty)
    }

    @Test func listenersMapToServicesByTheirTLSMode() {
        let offered = ServiceTLS(name: "smtp", mode: .offered, host: "127.0.0.1", port: 25, overrideFiles: [])
        let required = ServiceTLS(name: "127.0.0.1:10587", mode: .required, host: "127.0.0.1", port: 10587, overrideFiles: [])
        let implicit = ServiceTLS(name: "smtps", mode: .implicit, host: "127.0.0.1", port: 465, overrideFiles: [])
        let plain = ServiceTLS(name: "2525", mode: .none, host: "127.0.0.1", port: 2525, overrideFiles: [])
        #expect(RenewalPlanner.answer(for: offered) == Answers.Service(name: .smtp))
        #expect(RenewalPlanner.answer(for: required) == Answers.Service(name: .submission, listen: "127.0.0.1:10587"))
        #expect(RenewalPlanner.answer(for: implicit) == Answers.Service(name: .submissions))
        #expect(RenewalPlanner.answer(for: plain) == nil)
    }

    @Test func certbotLineagePaths() {
        let request = RenewalRequest.certbot(lineage: "/etc/letsencrypt/live/mail.example.com/")
        #expect(request.key == "/etc/letsencrypt/live/mail.example.com/privkey.pem")
        #expect(request.certificate == "/etc/letsencrypt/live/mail.example.com/fullchain.pem")
    }
}
