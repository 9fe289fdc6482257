import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls check` against a real, running Postfix.
@Suite(.serialized, .tags(.endToEnd)) struct CheckCommandTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func setUp(with leaf: String) throws {
        try postfix.start()
        try fixtures.issueLeaf(leaf)
        let applied = try fixtures.install(leaf, on: postfix, services: [.smtp, .submissions])
        #expect(applied.status == 0, "\(applied.all)")
    }

    private func check(_ extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["check", "--config-dir", postfix.configDirectory] + extra)
    }

    @Test func aStaleCertificateIsReportedUntilPostfixReloads() throws {
        try setUp(with: "a")
        let healthy = try check()
        #expect(healthy.status == 0, "\(healthy.all)")
        #expect(healthy.standardOutput.contains("serves the certificate on disk"))

        // Someone replaces the files by hand and forgets the reload.
        let leafB = try fixtures.issueLeaf("b")
        let keyB = try String(contentsOfFile: fixtures.path("b.key"), encoding: .utf8)
        FileManager.default.createFile(atPath: postfix.root + "/tls/smtpd-chain.pem",
                                       contents: Data((keyB + leafB.pem + fixtures.intermediate.certificate.pem).utf8),
                                       attributes: [.posixPermissions: 0o600])
        let stale = try check()
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("[stale-served-certificate]"))
        // The command names this instance: a copied `postfix reload` would reload /etc/postfix.
        #expect(stale.standardOutput.contains("run `postfix -c \(postfix.configDirectory) reload`"), "\(stale.standardOutput)")

        postfix.reload()
        var after = try check()
        for _ in 0..<20 where after.status != 0 {
            usleep(500_000)
            after = try check()
        }
        #expect(after.status == 0, "\(after.all)")
    }

    @Test func permissionsServicesAndJSON() throws {
        try setUp(with: "p")
        chmod(postfix.root + "/tls/smtpd-chain.pem", 0o644)
        let loose = try check(["--no-probe", "--json"])
        #expect(loose.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(loose.standardOutput.utf8)) as! [String: Any]
        let findings = object["findings"] as! [[String: Any]]
        #expect(findings.contains { $0["code"] as? String == "key-permissions" && $0["severity"] as? String == "error" })
        for finding in findings { #expect(Set(finding.keys) == ["code", "severity", "message", "hint", "file"]) }
        let services = object["services"] as! [[String: Any]]
        #expect(services.contains { $0["name"] as? String == "127.0.0.1:\(postfix.submissionsPort)" && $0["mode"] as? String == "implicit TLS" })
        #expect(services.contains { $0["name"] as? String == "127.0.0.1:\(postfix.smtpPort)" && $0["mode"] as? String == "STARTTLS offered" })
    }

    @Test func longServiceNamesKeepTheColumnsAligned() throws {
        let masterPath = postfix.configDirectory + "/master.cf"
        let master = try String(contentsOfFile: masterPath, encoding: .utf8)
        try (master + "[2001:db8:0:0:0:0:0:25]:submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=encrypt\n")
            .write(toFile: masterPath, atomically: true, encoding: .utf8)
        ThrowawayPostfix.backdate(masterPath)
        let output = try check(["--no-probe"]).standardOutput
        // The lines under "Services:", up to the next heading.
        let services = output.split(separator: "\n").drop { $0 != "Services:" }.dropFirst().prefix { $0.hasPrefix("  ") }.map(String.init)
        #expect(services.count == 2 && services[1].contains("]:submission STARTTLS required"), "\(output)")
        #expect(Set(services.map(\.modeColumn)).count == 1, "every mode in one column: \(services)")
    }

    @Test func aKeyThatDoesNotFitFailsTheHandshake() throws {
        try setUp(with: "m")
        let other = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try String(contentsOfFile: fixtures.path("m.pem"), encoding: .utf8)
        FileManager.default.createFile(atPath: postfix.root + "/tls/smtpd-chain.pem",
                                       contents: Data((TestPKI.pem(other) + leaf).utf8), attributes: [.posixPermissions: 0o600])
        postfix.reload()
        sleep(2)
        let broken = try check()
        #expect(broken.status == 1)
        #expect(broken.standardOutput.contains("[key-cert-mismatch]"))
        #expect(broken.standardOutput.contains("[tls-handshake-failed]") || broken.standardOutput.contains("[stale-served-certificate]"), "\(broken.standardOutput)")
        // The listeners answered; the files are to blame, not a listener that is down.
        #expect(!broken.standardOutput.contains("Nothing answered"), "\(broken.standardOutput)")
    }
}

private extension String {
    /// Where a service line's mode starts: after the indent, the name and the blanks that pad it.
    var modeColumn: Int {
        let name = dropFirst(2).prefix { $0 != " " }
        return 2 + name.count + dropFirst(2 + name.count).prefix { $0 == " " }.count
    }
}
