import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `check`'s rules on a real Postfix configuration: Postfix accepts each setting, and
/// `check` names the problem; after pftls' own set-up it stays quiet.
@Suite(.serialized, .tags(.endToEnd)) struct CheckRulesEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func codes() throws -> (codes: [String], object: [String: Any]) {
        let result = try Pftls.run(["check", "--json", "--no-probe", "--config-dir", postfix.configDirectory])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result.all)")
        let codes = ((object["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
        return (codes, object)
    }

    @Test func eachRuleOnARealConfigAndQuietAfterPftlsSetUp() throws {
        try fixtures.issueLeaf("r")
        let applied = try fixtures.install("r", on: postfix, ["--no-reload"])
        #expect(applied.status == 0, "\(applied.all)")
        let quiet = try codes()
        let rules = ["client-cert-reused", "cafile-bundle", "weak-protocols", "berkeley-db-cache", "certbot-archive-path", "commented-service-options", "curves-overridden"]
        #expect(quiet.codes.filter(rules.contains).isEmpty, "pftls' own set-up breaks no rule: \(quiet.codes)")
        #expect(quiet.object["daysLeft"] as? Int != nil, "days left for the certificate in use")
        let certificates = (quiet.object["certificates"] as? [[String: Any]]) ?? []
        #expect(certificates.map { $0["role"] as? String } == ["leaf", "intermediate"], "each certificate of the chain: \(certificates)")
        #expect(certificates.allSatisfy { ($0["daysLeft"] as? Int ?? -1) > 0 && $0["notAfter"] is String })

        let chain = postfix.root + "/tls/smtpd-chain.pem"
        postfix.postconf(["-e", "smtp_tls_chain_files=\(chain)", "smtpd_tls_protocols=!SSLv2, !SSLv3",
                          "smtpd_tls_CAfile=/etc/ssl/certs/ca-certificates.crt",
                          "tls_eecdh_auto_curves=prime256v1"])
        var master = try String(contentsOfFile: postfix.configDirectory + "/master.cf", encoding: .utf8)
        master += "#10587 inet n - y - - smtpd\n  -o smtpd_tls_security_level=encrypt\n"
        try master.write(toFile: postfix.configDirectory + "/master.cf", atomically: true, encoding: .utf8)
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        ThrowawayPostfix.backdate(postfix.configDirectory + "/master.cf")
        let accepted = Shell.run("postfix", ["-c", postfix.configDirectory, "check"])
        #expect(accepted.status == 0, "Postfix accepts these settings: \(accepted.all)")
        let found = try codes().codes
        for code in ["client-cert-reused", "weak-protocols", "cafile-bundle", "commented-service-options", "curves-overridden"] {
            #expect(found.contains(code), "\(code) in \(found)")
        }
    }
}
