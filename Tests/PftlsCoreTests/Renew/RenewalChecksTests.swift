import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A renewal's checks of the new certificate against the one in use, and what the
/// wizard and `pftls renew` share to keep the key in use.
@Suite struct RenewalChecksTests {
    let pki = TestPKI.shared

    @Test func expiresSoonerOnlyWhenTheNewCertificateEndsFirst() throws {
        let longer = try pki.issueLeaf(.server("mail.example.test", days: 400)).certificate
        let shorter = try pki.issueLeaf(.server("mail.example.test", days: 30)).certificate
        let sooner = RenewalPlanner.expiresSooner(old: longer, new: shorter, file: "new.pem")
        #expect(sooner.map(\.code) == [.expiresSooner])
        #expect(sooner.first?.severity == .warning)
        #expect(sooner.first?.message.contains(UTCTimestamp.format(shorter.notAfter)) == true)
        #expect(sooner.first?.message.contains(UTCTimestamp.format(longer.notAfter)) == true)
        #expect(RenewalPlanner.expiresSooner(old: shorter, new: longer, file: "new.pem").isEmpty)
        #expect(RenewalPlanner.expiresSooner(old: nil, new: shorter, file: "new.pem").isEmpty)
    }

    @Test func theChecksTogetherAsRenewAndTheWizardRunThem() throws {
        let old = try pki.issueLeaf(.server("mail.example.test", names: ["mail.example.test", "smtp.example.test"], days: 400)).certificate
        let new = try pki.issueLeaf(.server("mail.example.test", days: 30)).certificate
        let warned = RenewalPlanner.checks(old: old, new: new, file: "new.pem", refusingDroppedNames: false)
        #expect(Set(warned.map(\.code)) == [.namesDropped, .tlsaRollover, .expiresSooner])
        #expect(!warned.hasErrors)
        let refused = RenewalPlanner.checks(old: old, new: new, file: "new.pem", refusingDroppedNames: true)
        #expect(refused.first { $0.code == .namesDropped }?.severity == .error)
    }

    @Test func aRenewalWithoutANewKeyKeepsTheKeyInUse() {
        let current = Answers(certificateDirectory: "/etc/postfix/tls", privateKey: "/etc/postfix/tls/smtpd-chain.pem",
                              certificate: "/etc/postfix/tls/smtpd-chain.pem", intermediates: [], smtpdSecurityLevel: "may",
                              smtpSecurityLevel: "may", services: [Answers.Service(name: .smtp)], layout: .chainFile)
        let kept = RenewalRequest(key: nil, certificate: "/in/new.pem", chain: ["/in/ca.pem"]).answers(replacing: current)
        #expect(kept.privateKey == current.privateKey)
        #expect(kept.certificate == "/in/new.pem" && kept.intermediates == ["/in/ca.pem"])
        #expect(kept.certificateDirectory == current.certificateDirectory && kept.layout == .chainFile && kept.services == current.services)
        let changed = RenewalRequest(key: "/in/new.key", certificate: "/in/new.pem", chain: []).answers(replacing: current)
        #expect(changed.privateKey == "/in/new.key")
    }

    @Test func theSerialNumberReadsAsOpenSSLPrintsIt() throws {
        let leaf = try pki.issueLeaf(.server("mail.example.test")).certificate
        let directory = NSTemporaryDirectory() + "/pftls-serial-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try leaf.pem.write(toFile: directory + "/leaf.pem", atomically: true, encoding: .utf8)
        let printed = OpenSSLTool.run(["x509", "-in", "leaf.pem", "-noout", "-serial"], in: directory)
        #expect(printed.status == 0)
        let digits = printed.output.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "serial=", with: "")
        #expect(leaf.serialNumberText.replacingOccurrences(of: ":", with: "") == digits, "\(printed.output)")
        #expect(leaf.serialNumberText.contains(":") || leaf.serialNumberText.count == 2)
    }
}
