import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// Issue 26's probe target on a real Postfix: a `hash:` SNI map of 1,000 names, each with
/// its own key and chain, built with the real `postmap -F`. `pftls check` probes every name
/// (bounded concurrency) and must finish well within its overall deadline with every name
/// served its own leaf; then one entry's file is swapped behind Postfix's back without
/// `postmap`, and check names that entry alone.
@Suite(.serialized, .tags(.endToEnd)) struct SNIThousandNamesProbeTests {
    @Test func aThousandNamesAreProbedWithinTheDeadlineAndTheOneStaleNameIsFound() throws {
        let (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        let tls = postfix.root + "/tls"
        mkdir(tls, 0o700)
        try CheckSNIEndToEndTests.writeChain(tls + "/default.pem", names: ["mail.example.test"], kind: .ec(curve: "P-256"), pki: fixtures.pki)
        var source = ""
        for index in 0..<1000 {
            let name = String(format: "h%04d.hosting.test", index)
            try CheckSNIEndToEndTests.writeChain(tls + "/\(name).pem", names: [name], kind: .ec(curve: "P-256"), pki: fixtures.pki)
            source += "\(name) \(tls)/\(name).pem\n"
        }
        FileManager.default.createFile(atPath: tls + "/sni", contents: Data(source.utf8), attributes: [.posixPermissions: 0o600])
        try CheckSNIEndToEndTests.postmap(tls + "/sni")
        mkdir(tls + "/trust", 0o755)
        FileManager.default.createFile(atPath: tls + "/trust/root.pem", contents: Data(fixtures.root.pem.utf8))
        _ = Shell.run("openssl", ["rehash", tls + "/trust"])
        postfix.postconf(["-e", "smtpd_tls_security_level=may", "smtpd_tls_chain_files=\(tls)/default.pem", "tls_server_sni_maps=hash:\(tls)/sni"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try postfix.start()
        let environment = ["SSL_CERT_DIR": tls + "/trust"]

        let start = Date()
        let clean = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--json"], environment: environment)
        let seconds = Date().timeIntervalSince(start)
        #expect(clean.status == 0, "\(clean.all.prefix(3000))")
        #expect(!clean.standardOutput.contains("probes-unfinished") && !clean.standardOutput.contains("stale-served-certificate"),
                "\(clean.standardOutput.prefix(3000))")
        #expect(seconds < 60, "1,000 names probed in \(seconds) s: well within the 120 s deadline")

        // h0500's file changes, the database is not rebuilt: that name alone is stale.
        try CheckSNIEndToEndTests.writeChain(tls + "/h0500.hosting.test.pem", names: ["h0500.hosting.test"], kind: .ec(curve: "P-256"), pki: fixtures.pki)
        let stale = try Pftls.run(["check", "--config-dir", postfix.configDirectory], environment: environment)
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("sni-map-stale") && stale.standardOutput.contains("h0500.hosting.test"), "\(stale.standardOutput.prefix(3000))")
        #expect(!stale.standardOutput.contains("h0499.hosting.test") && !stale.standardOutput.contains("h0501.hosting.test"),
                "only the changed entry is named: \(stale.standardOutput.prefix(3000))")
    }
}
