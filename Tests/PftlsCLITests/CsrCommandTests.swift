import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// `pftls csr`: a key (0600) and a CSR that OpenSSL verifies and a CA signs; or a CSR
/// from the key in use, so TLSA records stay valid.
@Suite(.serialized, .tags(.endToEnd)) struct CsrCommandTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    private func openssl(_ arguments: [String]) -> Shell.Result { Shell.run("openssl", arguments) }

    @Test func theNextCommandNamesTheInstanceTheCSRIsFor() throws {
        let out = postfix.root + "/csr-instance"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--out", out, "--config-dir", postfix.configDirectory])
        #expect(made.status == 0, "\(made.all)")
        // Copied as printed, the command renews this instance, not /etc/postfix.
        #expect(made.standardOutput.contains("--chain INTERMEDIATE.pem --config-dir \(postfix.configDirectory)`"), "\(made.standardOutput)")
    }

    @Test func aNewKeyAndCSRThatOpenSSLVerifiesAndTheCASigns() throws {
        let out = postfix.root + "/csr"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let made = try Pftls.run(["csr", "--name", "mail.example.test", "--name", "smtp.example.test", "--key-type", "rsa2048", "--out", out])
        #expect(made.status == 0, "\(made.all)")
        #expect(made.standardOutput.contains("-----BEGIN CERTIFICATE REQUEST-----"), "the CSR is printed to paste")
        #expect(made.standardOutput.contains("pftls renew --key"), "and what comes next")
        #expect(!made.standardOutput.contains("--config-dir"), "the standard instance needs no --config-dir: \(made.standardOutput)")
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
        // The refusal points to csr's own help, not to the root's usage line.
        #expect(again.standardError.contains("See 'pftls csr --help'") && !again.standardError.contains("<subcommand>"), "\(again.all)")
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
        let applied = try fixtures.install("inuse", on: postfix, ["--no-reload"])
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

    /// A private directory for one test's key and CSR.
    private func outDirectory(_ name: String) throws -> String {
        let out = postfix.root + "/" + name
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return out
    }

    /// The public key of a key file, or of a CSR file, as OpenSSL prints it.
    private func publicKey(key path: String) -> String { openssl(["pkey", "-in", path, "-pubout"]).output }
    private func publicKey(request path: String) -> String { openssl(["req", "-in", path, "-noout", "-pubkey"]).output }

    @Test func namesUpTo253CharactersMakeAKeyAndACSR() throws {
        // Labels of at most 63 characters: a name of 230 and one of 253 (the longest DNS name).
        for (length, last) in [(230, 33), (253, 56)] {
            let name = ["a", "b", "c"].map { String(repeating: $0, count: 63) }.joined(separator: ".") + "." + String(repeating: "d", count: last) + ".test"
            #expect(name.count == length)
            let out = try outDirectory("long\(length)")
            let made = try Pftls.run(["csr", "--name", name, "--name", "mail.example.test", "--out", out])
            #expect(made.status == 0, "\(length): \(made.all)")
            let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(files.count == 2 && files.allSatisfy { $0.utf8.count <= 255 }, "\(files)")
            if length == 230 { #expect(files == [name + ".csr", name + ".key"], "a name that fits is the file name") }
            let key = try #require(files.first { $0.hasSuffix(".key") }.map { out + "/" + $0 })
            let request = try #require(files.first { $0.hasSuffix(".csr") }.map { out + "/" + $0 })
            #expect(made.standardOutput.contains(key) && made.standardOutput.contains(request), "the output names both files")
            let verify = openssl(["req", "-in", request, "-verify", "-noout", "-text"])
            #expect(verify.status == 0 && verify.all.contains("verify OK"), "\(verify.all)")
            #expect(verify.all.contains("DNS:\(name)") && verify.all.contains("DNS:mail.example.test"))
            #expect(verify.all.contains("Subject: CN=mail.example.test") || verify.all.contains("Subject: CN = mail.example.test"),
                    "a name longer than a common name may be stays out of it: \(verify.all)")
            #expect(!publicKey(key: key).isEmpty && publicKey(key: key) == publicKey(request: request))
            #expect(!files.contains { $0.hasPrefix(".pftls-") }, "no temp file is left")
        }
    }

    @Test func twoRunsAtOnceForOneNameNeverReplaceEachOthersKey() throws {
        for round in 0..<2 {
            let out = try outDirectory("race\(round)")
            // RSA 3072 takes long enough to make that both runs find no key when they start.
            let arguments = ["csr", "--name", "mail.example.test", "--key-type", "rsa3072", "--out", out]
            let lock = NSLock()
            nonisolated(unsafe) var results: [Pftls.Result] = []
            let group = DispatchGroup()
            for _ in 0..<2 {
                group.enter()
                Thread.detachNewThread {
                    if let result = try? Pftls.run(arguments) { lock.withLock { results.append(result) } }
                    group.leave()
                }
            }
            group.wait()
            #expect(results.map(\.status).sorted() == [0, 2], "exactly one run succeeds: \(results.map(\.all))")
            guard let winner = results.first(where: { $0.status == 0 }), let loser = results.first(where: { $0.status != 0 }) else { continue }
            let key = out + "/mail.example.test.key"
            #expect(loser.standardError.contains(key) && loser.standardError.contains("never overwrites a key"), "\(loser.all)")
            let printed = String(winner.standardOutput[winner.standardOutput.range(of: "-----BEGIN CERTIFICATE REQUEST-----")!.lowerBound...])
            let printedFile = fixtures.write("printed\(round).csr", printed)
            #expect(!publicKey(key: key).isEmpty && publicKey(key: key) == publicKey(request: printedFile),
                    "the key on disk belongs to the CSR the successful run printed")
            #expect(publicKey(request: out + "/mail.example.test.csr") == publicKey(request: printedFile), "and to the CSR on disk")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["mail.example.test.csr", "mail.example.test.key"])
        }
    }
}
