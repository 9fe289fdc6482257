import Foundation
import Testing
@testable import PftlsCore

/// `pftls csr`: a key (0600) and a CSR that OpenSSL verifies and a CA signs; or a CSR
/// from the key in use, so TLSA records stay valid.
@Suite(.serialized) struct CsrCommandTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
    }

    private func openssl(_ arguments: [String]) -> Shell.Result { Shell.run("openssl", arguments) }

    @Test func aNewKeyAndCSRThatOpenSSLVerifiesAndTheCASigns() throws {
        let out = postfix.root + "/csr"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--name", "smtp.example.test", "--key-type", "rsa2048", "--out", out])
        #expect(made.status == 0, "\(made.all)")
        #expect(made.standardOutput.contains("-----BEGIN CERTIFICATE REQUEST-----"), "the CSR is printed to paste")
        #expect(made.standardOutput.contains("pftls renew --key"), "and what comes next")
        var info = stat()
        #expect(lstat(out + "/mail.example.test.key", &info) == 0 && info.st_mode & 0o777 == 0o600, "the key is 0600")
        let verify = openssl(["req", "-in", out + "/mail.example.test.csr", "-verify", "-noout", "-text"])
        #expect(verify.status == 0 && verify.all.contains("verify OK") || verify.all.contains("Certificate request self-signature verify OK"), "\(verify.all)")
        #expect(verify.all.contains("DNS:mail.example.test") && verify.all.contains("DNS:smtp.example.test"))
        #expect(verify.all.contains("Public-Key: (2048 bit)"))

        // The CA step: the intermediate signs the request, names copied from it.
        let caKey = fixtures.write("intermediate.key", fixtures.intermediate.key.unencryptedPEM()!.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
        let signed = openssl(["x509", "-req", "-in", out + "/mail.example.test.csr", "-CA", fixtures.path("intermediate.pem"), "-CAkey", caKey,
                              "-CAcreateserial", "-days", "30", "-copy_extensions", "copy", "-out", out + "/cert.pem"])
        #expect(signed.status == 0, "\(signed.all)")
        let inspected = try Pftls.run(["inspect", "--hostname", "smtp.example.test", out + "/mail.example.test.key", out + "/cert.pem",
                                       fixtures.path("intermediate.pem")])
        #expect(!inspected.standardOutput.contains("key-cert-mismatch") && !inspected.standardOutput.contains("hostname-mismatch"),
                "the signed certificate fits the key and covers the names: \(inspected.standardOutput)")

        let again = try Pftls.run(["csr", "--name", "mail.example.test", "--out", out])
        #expect(again.status == 2 && again.standardError.contains("never overwrites a key"), "\(again.all)")
        let bad = try Pftls.run(["csr", "--name", "not a name", "--out", out])
        #expect(bad.status == 2, "\(bad.all)")
    }

    @Test func aSharedDirectoryIsRefusedForTheKey() throws {
        let refused = try Pftls.run(["csr", "--name", "mail.example.test", "--out", "/tmp"])
        #expect(refused.status == 2, "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/mail.example.test.key"))
    }

    @Test func reuseKeyMakesTheCSRFromTheKeyInUse() throws {
        try fixtures.issueLeaf("inuse")
        let answers = fixtures.write("answers.json", fixtures.loopbackAnswersJSON("inuse", on: postfix))
        let applied = try Pftls.run(["apply", "--answers", answers, "--config-dir", postfix.configDirectory, "--no-reload"])
        #expect(applied.status == 0, "\(applied.all)")
        let out = postfix.root + "/csr2"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let made = try Pftls.run(["csr", "--reuse-key", "--name", "mail.example.test", "--out", out, "--config-dir", postfix.configDirectory])
        #expect(made.status == 0, "\(made.all)")
        #expect(!FileManager.default.fileExists(atPath: out + "/mail.example.test.key"), "no new key")
        let requestKey = openssl(["req", "-in", out + "/mail.example.test.csr", "-noout", "-pubkey"]).output
        let keyInUse = openssl(["pkey", "-in", fixtures.path("inuse.key"), "-pubout"]).output
        #expect(!requestKey.isEmpty && requestKey == keyInUse, "the CSR carries the key in use")
    }
}
