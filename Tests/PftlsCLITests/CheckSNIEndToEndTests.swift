import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls check` on a real Postfix that serves RSA and ECDSA side by side and a `hash:` SNI
/// map built with the real `postmap -F`, whose entry a.example.test has its own RSA and
/// ECDSA pairs and .b.example.test a wildcard certificate. `openssl s_client -servername
/// -sigalgs` is the independent witness of what each name and key type gets.
@Suite(.serialized, .tags(.endToEnd)) struct CheckSNIEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    let tls: String
    /// The leaves on disk: default RSA and ECDSA, a.example.test's RSA and ECDSA, .b.example.test's.
    let leaves: [String: Certificate]

    static let ecdsaOnly = "ecdsa_secp256r1_sha256"
    static let rsaOnly = "rsa_pss_rsae_sha256"

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        tls = postfix.root + "/tls"
        mkdir(tls, 0o700)
        var leaves: [String: Certificate] = [:]
        for (file, names, kind) in [("rsa", ["mail.example.test"], KeyGenerator.Kind.rsa(bits: 2048)), ("ecdsa", ["mail.example.test"], .ec(curve: "P-256")),
                                    ("a-rsa", ["a.example.test"], .rsa(bits: 2048)), ("a-ecdsa", ["a.example.test"], .ec(curve: "P-256")),
                                    ("b", ["*.b.example.test"], .ec(curve: "P-256"))] {
            leaves[file] = try Self.writeChain(tls + "/\(file).pem", names: names, kind: kind, pki: fixtures.pki)
        }
        self.leaves = leaves
        // The test root, trusted as a system root would be (SSL_CERT_DIR for pftls): chains end at a known root.
        mkdir(tls + "/trust", 0o755)
        FileManager.default.createFile(atPath: tls + "/trust/root.pem", contents: Data(fixtures.root.pem.utf8))
        _ = Shell.run("openssl", ["rehash", tls + "/trust"])
        let source = "a.example.test \(tls)/a-rsa.pem, \(tls)/a-ecdsa.pem\n.b.example.test \(tls)/b.pem\n"
        FileManager.default.createFile(atPath: tls + "/sni", contents: Data(source.utf8), attributes: [.posixPermissions: 0o600])
        try Self.postmap(tls + "/sni")
        postfix.postconf(["-e", "smtpd_tls_security_level=may", "smtpd_tls_chain_files=\(tls)/rsa.pem, \(tls)/ecdsa.pem", "tls_server_sni_maps=hash:\(tls)/sni"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        try postfix.start()
    }

    /// Key, leaf and intermediate in one 0600 file, as smtpd_tls_chain_files and an SNI entry read them.
    @discardableResult
    static func writeChain(_ path: String, names: [String], kind: KeyGenerator.Kind, pki: TestPKI) throws -> Certificate {
        let pair = try pki.issueLeaf(.server(names[0], names: names), key: KeyGenerator.generate(kind))
        let text = TestPKI.pem(pair.key) + pair.certificate.pem + pki.intermediate.certificate.pem
        FileManager.default.createFile(atPath: path + ".new", contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        rename(path + ".new", path)
        return pair.certificate
    }

    /// The real `postmap -F`: the database holds the files' contents as they are now.
    static func postmap(_ source: String) throws {
        let built = Shell.run("postmap", ["-F", "hash:" + source])
        guard built.status == 0 else { throw Shell.Failure(description: "postmap -F failed: \(built.all)") }
    }

    private func check(_ extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["check", "--config-dir", postfix.configDirectory] + extra, environment: ["SSL_CERT_DIR": tls + "/trust"])
    }

    /// The leaf `openssl s_client` gets for `name` with only `sigalgs` offered.
    private func witness(_ name: String, _ sigalgs: String) -> SClientProbe {
        SClientProbe(port: postfix.smtpPort, startTLS: "smtp", serverName: name, sigalgs: sigalgs)
    }

    @Test func bothKeyTypesAndEveryNameServeTheirFilesAndCheckIsClean() throws {
        let result = try check(["--json"])
        #expect(result.status == 0, "\(result.all)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        #expect(keys.map { $0["keyType"] as? String } == ["RSA", "ECDSA"])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(object["verdict"] as? String == "OK" && findings.allSatisfy { $0["severity"] as? String == "info" }, "\(findings)")
        let sni = try #require((object["sni"] as? [[String: Any]])?.first)
        let entries = try #require(sni["entries"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["a.example.test", ".b.example.test"])
        #expect(entries[0]["keyTypes"] as? [String] == ["RSA", "ECDSA"])
        // What check read for each key type of a.example.test is what s_client gets for it.
        let aKeys = try #require(entries[0]["keys"] as? [[String: Any]])
        #expect(aKeys.first { $0["keyType"] as? String == "ECDSA" }?["sha256"] as? String == witness("a.example.test", Self.ecdsaOnly).sha256)
        #expect(aKeys.first { $0["keyType"] as? String == "RSA" }?["sha256"] as? String == witness("a.example.test", Self.rsaOnly).sha256)
        #expect(witness("pftls-check.b.example.test", Self.ecdsaOnly).sha256 == leaves["b"]?.sha256FingerprintText)
        // The listener was probed per key type and per name.
        let probes = try #require((object["services"] as? [[String: Any]])?.first?["probes"] as? [[String: Any]])
        #expect(probes.map { "\($0["serverName"] as? String ?? "-") \($0["keyType"] as? String ?? "any")" }
                    == ["- RSA", "- ECDSA", "a.example.test RSA", "a.example.test ECDSA", "pftls-check.b.example.test any"])
        #expect(probes.allSatisfy { $0["served"] as? String == $0["expected"] as? String }, "\(probes)")
        let text = try check()
        #expect(text.standardOutput.contains("hash:\(tls)/sni (main.cf): 2 entries") && text.standardOutput.contains("  ECDSA  "), "\(text.standardOutput)")
    }

    @Test func anEntrySwappedWithoutPostmapIsStaleAndItsNameServesTheOldLeaf() throws {
        let old = try #require(leaves["a-ecdsa"])
        let new = try Self.writeChain(tls + "/a-ecdsa.pem", names: ["a.example.test"], kind: .ec(curve: "P-256"), pki: fixtures.pki)
        let result = try check()
        #expect(result.status == 1, "\(result.all)")
        #expect(result.standardOutput.contains("[sni-map-stale] \(tls)/sni.db is older than \(tls)/a-ecdsa.pem"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("postmap -F hash:\(tls)/sni"))
        let stale = result.standardOutput.split(separator: "\n").filter { $0.contains("[stale-served-certificate]") }
        #expect(stale.count == 1 && stale[0].contains("for a.example.test, to a client that accepts only ECDSA") && stale[0].contains(old.sha256FingerprintText),
                "\(result.standardOutput)")
        // The witness agrees: an ECDSA client asking for the name gets the leaf the database holds.
        #expect(witness("a.example.test", Self.ecdsaOnly).sha256 == old.sha256FingerprintText)
        #expect(witness("a.example.test", Self.rsaOnly).sha256 == leaves["a-rsa"]?.sha256FingerprintText)
        #expect(new.sha256FingerprintText != old.sha256FingerprintText)
        // Monitoring sees it too.
        let nagios = try check(["--format", "nagios"])
        #expect(nagios.status == 2 && nagios.standardOutput.hasPrefix("PFTLS CRITICAL - "), "\(nagios.all)")
    }

    /// Postfix reads an indexed map at each lookup: after `postmap -F`, smtpd logs that the
    /// table changed and the very next handshake gets the new leaf, without a reload.
    @Test func aMapRebuiltWithPostmapIsServedAtOnceWithoutReload() throws {
        let new = try Self.writeChain(tls + "/a-ecdsa.pem", names: ["a.example.test"], kind: .ec(curve: "P-256"), pki: fixtures.pki)
        try Self.postmap(tls + "/sni")
        #expect(witness("a.example.test", Self.ecdsaOnly).sha256 == new.sha256FingerprintText)
        let result = try check()
        #expect(result.status == 0 && !result.standardOutput.contains("[sni-map-stale]") && !result.standardOutput.contains("[stale-served-certificate]"),
                "\(result.all)")
    }

    @Test func aNameWhoseFilesAreMissingIsAnErrorNamingTheEntry() throws {
        let gone = tls + "/gone.pem"
        let source = try String(contentsOfFile: tls + "/sni", encoding: .utf8) + "gone.example.test \(gone)\n"
        FileManager.default.createFile(atPath: tls + "/sni", contents: Data(source.utf8), attributes: [.posixPermissions: 0o600])
        // postmap -F skips the entry ("open …: No such file or directory: skipping this entry"): the name gets the default chains.
        try Self.postmap(tls + "/sni")
        let result = try check()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("ERROR [unreadable] SNI entry gone.example.test: \(gone)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Entries with problems: gone.example.test"))
    }

    @Test func onlyTheRSARecordPublishedIsAnErrorForECDSA() throws {
        let dns = try LocalDNSServer(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(try #require(leaves["rsa"])))])
        let result = try check(["--resolver", dns.address])
        #expect(result.status == 1, "\(result.all)")
        let missing = result.standardOutput.split(separator: "\n").filter { $0.contains("[tlsa-mismatch]") }
        #expect(missing.count == 1 && missing[0].contains("ECDSA certificate of \(tls)/ecdsa.pem"), "\(result.standardOutput)")
        try dns.serve(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(try #require(leaves["rsa"]))),
                                                   LocalDNSServer.tlsa("mail.example.test", .endEntity(try #require(leaves["ecdsa"])))])
        let both = try check(["--resolver", dns.address])
        #expect(both.status == 0 && both.standardOutput.contains("[tlsa-matches]"), "\(both.all)")
    }
}
