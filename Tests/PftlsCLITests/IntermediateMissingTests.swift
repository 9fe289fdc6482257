import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A forgotten 中間CA証明書: a leaf given without its intermediate is refused
/// (`intermediate-missing`) unless the CA is declared private, and a listener that
/// serves the right leaf without its intermediate is `served-chain-incomplete`.
@Suite(.serialized, .tags(.endToEnd)) struct IntermediateMissingTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
    }

    /// A leaf with an AIA caIssuers URL, made by the openssl command from the fixtures'
    /// intermediate, in its own directory beside a copy of the intermediate.
    private func vendorFiles() throws -> (directory: String, key: String, certificate: String) {
        let directory = postfix.root + "/vendor"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let interKey = directory + "/../src/intermediate.key"
        try fixtures.intermediate.key.unencryptedPEM()!.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: interKey))
        try "authorityInfoAccess = caIssuers;URI:http://ca.example.test/intermediate.crt\nsubjectAltName = DNS:mail.example.test\n"
            .write(toFile: directory + "/../src/ext.cnf", atomically: true, encoding: .utf8)
        let key = directory + "/server.key", csr = directory + "/../src/server.csr", certificate = directory + "/server.crt"
        #expect(Shell.run("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                                      "-out", csr, "-subj", "/CN=mail.example.test"]).status == 0)
        let signed = Shell.run("openssl", ["x509", "-req", "-in", csr, "-CA", fixtures.path("intermediate.pem"), "-CAkey", interKey,
                                           "-set_serial", "7", "-days", "90", "-extfile", directory + "/../src/ext.cnf", "-out", certificate])
        #expect(signed.status == 0, "\(signed.all)")
        try FileManager.default.copyItem(atPath: fixtures.path("intermediate.pem"), toPath: directory + "/intermediate.crt")
        return (directory, key, certificate)
    }

    private func answers(key: String, certificate: String, intermediates: [String], privateCA: Bool = false) -> String {
        var answers = TestAnswers(certificateDirectory: postfix.root + "/tls", privateKey: key, certificate: certificate,
                                  intermediates: intermediates, services: [(.smtp, postfix.listen(.smtp))])
        answers.privateCA = privateCA
        return fixtures.write("answers-\(UUID().uuidString).json", answers.json)
    }

    @Test func aLeafWithoutItsIntermediateIsRefusedNamingIssuerURLAndFile() throws {
        let files = try vendorFiles()
        let inspect = try Pftls.run(["inspect", files.key, files.certificate])
        #expect(inspect.status == 1, "\(inspect.all)")
        #expect(inspect.all.contains("[intermediate-missing]") && inspect.all.contains("CN=\(TestPKI.intermediateName)"), "\(inspect.all)")
        #expect(inspect.all.contains("http://ca.example.test/intermediate.crt"), "the AIA URL: \(inspect.all)")
        #expect(inspect.all.contains(files.directory + "/intermediate.crt"), "the file beside it: \(inspect.all)")

        let before = ConfigFiles.snapshot(postfix.configDirectory)
        let apply = try Pftls.run(["apply", "--answers", answers(key: files.key, certificate: files.certificate, intermediates: []),
                                   "--config-dir", postfix.configDirectory, "--dry-run"])
        #expect(apply.status == 1 && apply.all.contains("[intermediate-missing]"), "\(apply.all)")
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before)

        // With the intermediate the same files go through.
        let whole = try Pftls.run(["apply", "--answers", answers(key: files.key, certificate: files.certificate,
                                                                 intermediates: [files.directory + "/intermediate.crt"]),
                                   "--config-dir", postfix.configDirectory, "--dry-run"])
        #expect(whole.status == 0 && !whole.all.contains("intermediate-missing"), "\(whole.all)")
    }

    @Test func aPrivateCAKeepsTheWarning() throws {
        let files = try vendorFiles()
        let inspect = try Pftls.run(["inspect", "--private-ca", files.key, files.certificate])
        #expect(inspect.status == 0 && inspect.all.contains("[incomplete-chain]") && !inspect.all.contains("intermediate-missing"), "\(inspect.all)")
        let apply = try Pftls.run(["apply", "--answers", answers(key: files.key, certificate: files.certificate, intermediates: [], privateCA: true),
                                   "--config-dir", postfix.configDirectory, "--dry-run"])
        #expect(apply.status == 0, "\(apply.all)")
    }

    @Test func renewDryRunRefusesALeafWithoutItsIntermediate() throws {
        try postfix.start()
        let files = try vendorFiles()
        let first = try Pftls.run(["apply", "--answers", answers(key: files.key, certificate: files.certificate,
                                                                 intermediates: [files.directory + "/intermediate.crt"]),
                                   "--config-dir", postfix.configDirectory])
        #expect(first.status == 0, "\(first.all)")
        try fixtures.issueLeaf("next")
        let renew = try Pftls.run(["renew", "--key", fixtures.path("next.key"), "--cert", fixtures.path("next.pem"),
                                   "--config-dir", postfix.configDirectory, "--dry-run"])
        #expect(renew.status == 1 && renew.all.contains("[intermediate-missing]"), "\(renew.all)")
        let privateRenew = try Pftls.run(["renew", "--key", fixtures.path("next.key"), "--cert", fixtures.path("next.pem"),
                                          "--config-dir", postfix.configDirectory, "--dry-run", "--private-ca"])
        #expect(privateRenew.status == 0, "\(privateRenew.all)")
    }

    @Test func aServedChainWithoutItsIntermediateIsReportedByCheck() throws {
        try postfix.start()
        try fixtures.issueLeaf("served")
        let first = try fixtures.install("served", on: postfix)
        #expect(first.status == 0, "\(first.all)")
        let healthy = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--json"])
        #expect(!healthy.standardOutput.contains("served-chain-incomplete"), "\(healthy.all)")
        // Someone rewrites the chain file as key + leaf only, and reloads.
        let chainFile = postfix.root + "/tls/smtpd-chain.pem"
        let key = try String(contentsOfFile: fixtures.path("served.key"), encoding: .utf8)
        let leaf = try String(contentsOfFile: fixtures.path("served.pem"), encoding: .utf8)
        try (key + leaf).write(toFile: chainFile, atomically: true, encoding: .utf8)
        chmod(chainFile, 0o600)
        postfix.reload()
        usleep(1_500_000)
        let check = try Pftls.run(["check", "--config-dir", postfix.configDirectory])
        #expect(check.status != 0 && check.all.contains("[served-chain-incomplete]") && check.all.contains("CN=\(TestPKI.intermediateName)"), "\(check.all)")
        let nagios = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--format", "nagios"])
        #expect(nagios.status == 2, "\(nagios.all)")
    }

    /// A probe that sees the real listener but reports the leaf alone, as a server whose
    /// chain file lost its intermediate would serve it.
    final class LeafOnlyProbe: ListenerProbing, @unchecked Sendable {
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
            let real = TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName)
            guard let leaf = real.leaf else { return real }
            return .served(chain: [leaf])
        }
    }

    @Test func applyRollsBackWhenTheListenerServesTheLeafWithoutItsIntermediate() throws {
        try postfix.start()
        let plan = try fixtures.loopbackPlan("lone", on: postfix)
        #expect {
            _ = try Applier(probe: LeafOnlyProbe()).apply(plan, options: Applier.Options(canary: false))
        } throws: { error in
            let failure = error as? ApplyFailure
            return failure?.rolledBack == true && failure?.reason.contains("not its whole chain") == true
        }
        #expect {
            _ = try Applier(probe: LeafOnlyProbe()).apply(try fixtures.loopbackPlan("lone2", on: postfix), options: Applier.Options(canary: true))
        } throws: { error in
            let failure = error as? ApplyFailure
            return failure?.rolledBack == false && failure?.reason.contains("temporary listener") == true
        }
    }
}
