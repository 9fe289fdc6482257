import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// DANE with the current and the next key on a real Postfix and a real DNS server on
/// loopback: `csr --next-key` stages a key and prints its record, `check` reports the
/// record missing until it is published, a certificate the test CA issues for the CSR is
/// renewed without --key and promotes the staged key, and the old key's record is then
/// reported as stale.
@Suite(.serialized, .tags(.endToEnd)) struct NextKeyEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    let leafA: Certificate

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
        leafA = try fixtures.issueLeaf("a")
        let applied = try fixtures.install("a", on: postfix, ["--no-canary"])
        precondition(applied.status == 0, applied.all)
    }

    private var staged: String { postfix.root + "/tls/next-key-ecdsa.pem" }

    private func served() -> Certificate? {
        TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: postfix.smtpPort, mode: .startTLS).leaf
    }

    private func stage(_ dns: LocalDNSServer) throws -> Pftls.Result {
        try Pftls.run(["csr", "--next-key", "--key-type", "ec-p256", "--config-dir", postfix.configDirectory, "--resolver", dns.address])
    }

    private func check(_ dns: LocalDNSServer) throws -> Pftls.Result {
        try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address])
    }

    /// The test CA's intermediate signs the CSR, as a CA would: `NAME.pem`.
    private func issue(csr: String, as name: String) throws -> Certificate {
        let caKey = fixtures.write("intermediate.key", TestPKI.pem(fixtures.intermediate.key))
        let extensions = fixtures.write("leaf.ext", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                        + "extendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\n")
        let signed = Shell.run("openssl", ["x509", "-req", "-in", csr, "-CA", fixtures.path("intermediate.pem"), "-CAkey", caKey,
                                           "-set_serial", "4711", "-days", "45", "-copy_extensions", "copy", "-extfile", extensions,
                                           "-out", fixtures.path(name + ".pem")])
        guard signed.status == 0, let leaf = Inspector().inspect(paths: [fixtures.path(name + ".pem")]).leaf else {
            throw Shell.Failure(description: signed.all)
        }
        return leaf
    }

    @Test func aStagedNextKeyIsPublishedCheckedPromotedAndTheOldRecordIsThenStale() throws {
        let dns = try LocalDNSServer(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))])

        let first = try stage(dns)
        #expect(first.status == 0, "\(first.all)")
        let attributes = try FileManager.default.attributesOfItem(atPath: staged)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let key = try #require(Inspector().load(staged, passphrases: nil).items.compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first)
        let nextRecord = TLSARecord.endEntity(key: key)
        let line = "_25._tcp.mail.example.test. IN TLSA \(nextRecord.text)"
        #expect(first.standardOutput.contains(line), "the record to publish now: \(first.all)")
        #expect(first.standardOutput.contains("BEGIN CERTIFICATE REQUEST"))
        let second = try stage(dns)
        #expect(second.status == 0 && second.standardOutput.contains("reused") && second.standardOutput.contains(line), "\(second.all)")

        let unpublished = try check(dns)
        #expect(unpublished.standardOutput.contains("[next-key-tlsa-missing]") && unpublished.standardOutput.contains(staged), "\(unpublished.all)")
        #expect(unpublished.standardOutput.contains("_25._tcp.mail.example.test. 300 IN TLSA \(nextRecord.text)"))

        try dns.serve(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA)),
                                                    LocalDNSServer.tlsa("mail.example.test", nextRecord)])
        let published = try check(dns)
        #expect(published.status == 0, "\(published.all)")
        #expect(!published.standardOutput.contains("next-key-tlsa-missing") && !published.standardOutput.contains("tlsa-stale-record"), "\(published.all)")

        let leafB = try issue(csr: postfix.root + "/tls/next-key-ecdsa.csr", as: "b")
        #expect(leafB.subjectPublicKeyInfoSHA256 == key.subjectPublicKeyInfoSHA256)
        let renewed = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--cert", fixtures.path("b.pem"),
                                     "--chain", fixtures.path("intermediate.pem"), "--resolver", dns.address, "--no-canary"])
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("staged next key"), "\(renewed.all)")
        #expect(served()?.isSame(as: leafB) == true)
        #expect(!FileManager.default.fileExists(atPath: staged), "the promoted key's staged file is gone")
        let backups = try FileManager.default.subpathsOfDirectory(atPath: postfix.root + "/tls/.pftls-backups")
        #expect(backups.contains { $0.hasSuffix("next-key-ecdsa.pem") }, "its copy is in the key backups: \(backups)")

        let after = try check(dns)
        #expect(after.status == 0, "\(after.all)")
        #expect(after.standardOutput.contains("[tlsa-stale-record]") && after.standardOutput.contains(TLSARecord.endEntity(leafA).text), "\(after.all)")
        #expect(!after.standardOutput.contains("tlsa-not-published") && !after.standardOutput.contains("tlsa-mismatch"), "\(after.all)")
        #expect(!after.standardOutput.contains("next-key-tlsa-missing"))
    }

    @Test func aRenewalToTheStagedKeyIsStillRefusedWhileItsRecordIsNotPublished() throws {
        let dns = try LocalDNSServer(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))])
        #expect(try stage(dns).status == 0)
        _ = try issue(csr: postfix.root + "/tls/next-key-ecdsa.csr", as: "c")
        let refused = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--cert", fixtures.path("c.pem"),
                                     "--chain", fixtures.path("intermediate.pem"), "--resolver", dns.address, "--no-canary"])
        #expect(refused.status == 1 && refused.standardOutput.contains("[tlsa-not-published]"), "\(refused.all)")
        #expect(served()?.isSame(as: leafA) == true)
        #expect(FileManager.default.fileExists(atPath: staged), "a refused renewal keeps the staged key")
    }

    /// A renewal that names the staged file with `--key` promotes it as well: the file does not
    /// stay behind as a "next" key that is the key in use. A staged file that is the key in use
    /// anyway is said by check and refused by csr, never offered as the next key.
    @Test func aStagedKeyNamedWithKeyIsPromotedAndOneInUseIsNeverTheNextKey() throws {
        let dns = try LocalDNSServer(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))])
        #expect(try stage(dns).status == 0)
        let copy = postfix.root + "/staged-copy.pem"
        #expect(Shell.run("cp", ["-p", staged, copy]).status == 0)
        let key = try #require(Inspector().load(staged, passphrases: nil).items.compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first)
        try dns.serve(DANEEndToEndTests.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA)),
                                                    LocalDNSServer.tlsa("mail.example.test", TLSARecord.endEntity(key: key))])
        _ = try issue(csr: postfix.root + "/tls/next-key-ecdsa.csr", as: "d")
        let renewed = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", staged, "--cert", fixtures.path("d.pem"),
                                     "--chain", fixtures.path("intermediate.pem"), "--resolver", dns.address, "--no-canary"])
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(!FileManager.default.fileExists(atPath: staged), "named with --key, the staged file is promoted all the same: \(renewed.all)")

        // The staged file comes back (restored by hand, say): it is the key in use now.
        #expect(Shell.run("cp", ["-p", copy, staged]).status == 0)
        let checked = try check(dns)
        #expect(checked.standardOutput.contains("[next-key-unusable]") && checked.standardOutput.contains("key in use already"), "\(checked.all)")
        let instance = SuggestedCommand.configDirectoryOption(postfix.configDirectory)
        #expect(checked.standardOutput.replacingOccurrences(of: "\n", with: " ").contains("`pftls csr --next-key\(instance)`"), "the hint names this instance: \(checked.all)")
        #expect(!checked.standardOutput.contains("[next-key-tlsa-missing]"))
        let again = try stage(dns)
        #expect(again.status != 0 && again.all.contains("key in use already") && !again.standardOutput.contains("IN TLSA"),
                "never offered as the next key: \(again.all)")
    }

    /// `--out` takes the CSR elsewhere; the key stays where check and renew look for it.
    @Test func outMovesTheCSROnlyNeverTheStagedKey() throws {
        let out = postfix.root + "/orders"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let made = try Pftls.run(["csr", "--next-key", "--key-type", "ec-p256", "--config-dir", postfix.configDirectory, "--resolver", "none", "--out", out])
        #expect(made.status == 0, "\(made.all)")
        #expect(FileManager.default.fileExists(atPath: staged) && !FileManager.default.fileExists(atPath: out + "/next-key-ecdsa.pem"), "\(made.all)")
        #expect(FileManager.default.fileExists(atPath: out + "/next-key-ecdsa.csr"), "\(made.all)")
    }

    /// A resolver that does not answer: the names printed may miss the MX names, and csr says so.
    @Test func aLookupWithoutAnswerIsSaidNotHidden() throws {
        let silent = ThrowawayPostfix.freePorts(1)[0]
        let made = try Pftls.run(["csr", "--next-key", "--key-type", "ec-p256", "--config-dir", postfix.configDirectory,
                                  "--resolver", "127.0.0.1:\(silent)"], timeout: 120)
        #expect(made.status == 0, "\(made.all)")
        #expect(made.standardOutput.contains("Could not look up") && made.standardOutput.contains("may be incomplete"), "\(made.all)")
    }
}
