import Foundation
import Testing
import Glibc
@testable import PftlsCore
import PftlsTestSupport

/// RSA + ECDSA side by side and SNI entries, against a real throwaway Postfix on loopback,
/// every name and key type witnessed by the real `openssl s_client -servername … -sigalgs …`:
/// apply, renew of one entry and of one key type, and a hand-written map edited in place.
@Suite(.serialized, .tags(.endToEnd)) struct SNIEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
    }

    /// A leaf for `hostname` with a key of `kind`, written as `<name>.key` / `<name>.pem`.
    private func leaf(_ name: String, _ hostname: String, _ kind: KeyGenerator.Kind) throws {
        let pair = try fixtures.pki.issueLeaf(.server(hostname), key: KeyGenerator.generate(kind))
        fixtures.write(name + ".key", TestPKI.pem(pair.key))
        fixtures.write(name + ".pem", pair.certificate.pem)
    }

    private func sha256(_ name: String) -> String? {
        SClientProbe.sha256(pem: (try? String(contentsOfFile: fixtures.path(name + ".pem"), encoding: .utf8)) ?? "")
    }

    /// The leaf the smtp (STARTTLS) or submissions (implicit) listener serves to an
    /// `openssl s_client` that sends `serverName` and accepts only `type`.
    private func served(_ serverName: String, _ type: ServerKeyType, implicit: Bool = false) -> String? {
        let port = implicit ? postfix.submissionsPort : postfix.smtpPort
        var arguments = ["10", "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", serverName, "-sigalgs", type.signatureAlgorithms]
        if !implicit { arguments += ["-starttls", "smtp"] }
        let output = Shell.run("timeout", arguments, input: "").output
        guard let begin = output.range(of: "-----BEGIN CERTIFICATE-----"), let end = output.range(of: "-----END CERTIFICATE-----") else { return nil }
        return SClientProbe.sha256(pem: String(output[begin.lowerBound..<end.upperBound]) + "\n")
    }

    private func key(_ name: String) -> String {
        "{\"privateKey\": \"\(fixtures.path(name + ".key"))\", \"certificate\": \"\(fixtures.path(name + ".pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}"
    }

    /// The answers for `primary` with `extra` JSON members added.
    private func answers(_ primary: String, _ extra: String) -> String {
        var json = fixtures.answers(primary, on: postfix, services: [.smtp, .submissions]).json
        json = String(json.dropLast(json.hasSuffix("\n") ? 2 : 1)) + ", " + extra + "}"
        return fixtures.write("answers-\(primary).json", json)
    }

    private func renew(_ name: String, _ extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["renew", "--key", fixtures.path(name + ".key"), "--cert", fixtures.path(name + ".pem"),
                       "--chain", fixtures.path("intermediate.pem"), "--config-dir", postfix.configDirectory] + extra)
    }

    @Test func bothKeyTypesAndAnSNIEntryAreServedAndEachRenewsAlone() throws {
        try leaf("rsa", "mail.example.test", .rsa(bits: 2048))
        try leaf("ec", "mail.example.test", .ec(curve: "P-256"))
        try leaf("org-ec", "mail.example.org", .ec(curve: "P-256"))
        try leaf("org-rsa", "mail.example.org", .rsa(bits: 2048))
        let sni = "\"sni\": [{\"names\": [\"mail.example.org\"], \"privateKey\": \"\(fixtures.path("org-ec.key"))\", \"certificate\": \"\(fixtures.path("org-ec.pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"], \"additionalKey\": \(key("org-rsa"))}]"
        let applied = try postfix.apply(answers: answers("rsa", "\"additionalKey\": \(key("ec")), " + sni))
        #expect(applied.status == 0, "\(applied.all)\n\(postfix.maillog)")
        #expect(applied.standardOutput.contains("(ECDSA, SNI mail.example.org)"), "every name and key type is probed: \(applied.standardOutput)")
        for implicit in [false, true] {
            #expect(served("mail.example.test", .rsa, implicit: implicit) == sha256("rsa"))
            #expect(served("mail.example.test", .ecdsa, implicit: implicit) == sha256("ec"))
            #expect(served("mail.example.org", .rsa, implicit: implicit) == sha256("org-rsa"))
            #expect(served("mail.example.org", .ecdsa, implicit: implicit) == sha256("org-ec"))
        }
        var database = stat()
        let map = postfix.root + "/tls/sni-map"
        #expect(stat(map + ".db", &database) == 0 && database.st_mode & 0o777 == 0o600, "the database holds private keys")
        #expect(postfix.postconf(["-h", "tls_server_sni_maps"]).output.contains(map))

        // One name, one key type: the entry's RSA pair and the default pairs stay.
        try leaf("org-ec2", "mail.example.org", .ec(curve: "P-256"))
        let entry = try renew("org-ec2", ["--sni", "mail.example.org"])
        #expect(entry.status == 0, "\(entry.all)\n\(postfix.maillog)")
        #expect(served("mail.example.org", .ecdsa) == sha256("org-ec2"))
        #expect(served("mail.example.org", .rsa) == sha256("org-rsa"))
        #expect(served("mail.example.test", .rsa) == sha256("rsa") && served("mail.example.test", .ecdsa) == sha256("ec"))

        // The default ECDSA pair alone: RSA stays.
        try leaf("ec2", "mail.example.test", .ec(curve: "P-256"))
        let ecdsa = try renew("ec2")
        #expect(ecdsa.status == 0, "\(ecdsa.all)\n\(postfix.maillog)")
        #expect(served("mail.example.test", .ecdsa) == sha256("ec2"))
        #expect(served("mail.example.test", .rsa) == sha256("rsa"))
        #expect(served("mail.example.org", .ecdsa) == sha256("org-ec2"))
    }

    /// Postfix serves an entry's files from the map's database: the rollback script puts the
    /// entry's file back and builds the database again, or the new certificate stays served.
    @Test func theRollbackScriptOfAnSNIRenewalPutsTheEntryBackOnTheWire() throws {
        try leaf("a", "mail.example.test", .ec(curve: "P-256"))
        try leaf("org", "mail.example.org", .ec(curve: "P-256"))
        let sni = "\"sni\": [{\"names\": [\"mail.example.org\"], \"privateKey\": \"\(fixtures.path("org.key"))\", \"certificate\": \"\(fixtures.path("org.pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}]"
        try #require(try postfix.apply(answers: answers("a", sni)).status == 0)
        try leaf("org2", "mail.example.org", .ec(curve: "P-256"))
        let renewed = try renew("org2", ["--sni", "mail.example.org", "--json"])
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(served("mail.example.org", .ecdsa) == sha256("org2"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(renewed.standardOutput.utf8)) as? [String: Any])
        let backup = try #require(report["backupDirectory"] as? String, "\(renewed.standardOutput)")
        let probes = report["probes"] as? [[String: Any]] ?? []
        #expect(probes.contains { $0["serverName"] as? String == "mail.example.org" && $0["served"] as? String == sha256("org2") },
                "the proofs of the entry renewed are in probes, not only in log: \(renewed.standardOutput)")
        let log = report["log"] as? [String] ?? []
        #expect(log.contains { $0.contains("(SNI mail.example.org): serves the new certificate") }, "\(log)")
        #expect(log.contains { !$0.contains("(SNI") && $0.contains(": still serves the certificate the change keeps") }
                && !log.contains { !$0.contains("(SNI") && $0.contains("serves the new certificate") },
                "the default pair an SNI renewal keeps is proven still served, not called new: \(log)")
        let restored = Shell.run("sh", [backup + "/restore.sh"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(served("mail.example.org", .ecdsa) == sha256("org"), "the entry's old certificate is served again")
        #expect(served("mail.example.test", .ecdsa) == sha256("a"))
        var database = stat()
        #expect(stat(postfix.root + "/tls/sni-map.db", &database) == 0 && database.st_mode & 0o777 == 0o600, "the database holds private keys")
    }

    @Test func aHandWrittenMapIsEditedInPlaceRebuiltAndItsShadowedEntryNamed() throws {
        try leaf("a", "mail.example.test", .ec(curve: "P-256"))
        try #require(try postfix.apply(answers: answers("a", "\"names\": []")).status == 0)
        try leaf("old-org", "mail.example.org", .ec(curve: "P-256"))
        let oldChain = fixtures.write("old-org-chain.pem", try String(contentsOfFile: fixtures.path("old-org.key"), encoding: .utf8)
            + String(contentsOfFile: fixtures.path("old-org.pem"), encoding: .utf8) + fixtures.intermediate.certificate.pem)
        // As mail stacks write them: a comment, a continuation line, a name pftls is not asked about.
        let source = "# SNI map (managed by hand)\nmail.example.org \(oldChain)\nother.example.net\n    \(oldChain)\n"
        let mapPath = fixtures.write("sni_map", source)
        #expect(Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + mapPath]).status == 0)
        _ = postfix.postconf(["-e", "tls_server_sni_maps = hash:" + mapPath])
        postfix.reload()
        #expect(served("mail.example.org", .ecdsa) == sha256("old-org"))

        // A new default certificate that also covers mail.example.org: the entry keeps the old one, and the plan says so.
        let both = try fixtures.pki.issueLeaf(.server("mail.example.test", names: ["mail.example.test", "mail.example.org"]))
        fixtures.write("both.key", TestPKI.pem(both.key))
        fixtures.write("both.pem", both.certificate.pem)
        let shadowed = try postfix.apply(answers: answers("both", "\"names\": []"), ["--dry-run"])
        #expect(shadowed.all.contains("sni-entry-not-updated") && shadowed.all.contains("mail.example.org"), "\(shadowed.all)")

        let sni = "\"sni\": [{\"names\": [\"mail.example.org\"], \"privateKey\": \"\(fixtures.path("both.key"))\", \"certificate\": \"\(fixtures.path("both.pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}]"
        let applied = try postfix.apply(answers: answers("both", sni))
        #expect(applied.status == 0, "\(applied.all)\n\(postfix.maillog)")
        #expect(served("mail.example.org", .ecdsa) == sha256("both"))
        #expect(served("other.example.net", .ecdsa) == sha256("old-org"), "the entry not asked about is kept")
        let edited = try String(contentsOfFile: mapPath, encoding: .utf8)
        #expect(edited == "# SNI map (managed by hand)\nmail.example.org \(postfix.root)/tls/sni-mail.example.org.pem\nother.example.net\n    \(oldChain)\n", "\(edited)")
        var database = stat()
        #expect(stat(mapPath + ".db", &database) == 0 && database.st_mode & 0o777 == 0o600)
    }

    @Test func certbotsDeployHookRenewsTheEntryThatUsesTheRenewedLineage() throws {
        try leaf("a", "mail.example.test", .ec(curve: "P-256"))
        try #require(try postfix.apply(answers: answers("a", "\"names\": []")).status == 0)
        // As hosting panels write it: the entry names certbot's live/ files directly.
        let certbot = CertbotTree(root: postfix.root + "/letsencrypt", fixtures: fixtures)
        try certbot.issue("org", names: ["mail.example.org"])
        let mapPath = fixtures.write("sni_map", "mail.example.org \(certbot.live("org"))/privkey.pem \(certbot.live("org"))/fullchain.pem\n")
        #expect(Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + mapPath]).status == 0)
        _ = postfix.postconf(["-e", "tls_server_sni_maps = hash:" + mapPath])
        postfix.reload()
        let renewed = try certbot.issue("org", names: ["mail.example.org"], version: 2)
        let expected = SClientProbe.sha256(pem: renewed.pem)
        #expect(served("mail.example.org", .ecdsa) != expected, "certbot alone leaves the database stale")

        let hook = try Pftls.run(["renew", "--config-dir", postfix.configDirectory], environment: ["RENEWED_LINEAGE": certbot.live("org")])
        #expect(hook.status == 0, "\(hook.all)\n\(postfix.maillog)")
        #expect(served("mail.example.org", .ecdsa) == expected, "\(hook.all)")
        #expect(served("mail.example.test", .ecdsa) == sha256("a"), "the default pair stays")

        try certbot.issue("shop", names: ["shop.example.com"])
        let other = try Pftls.run(["renew", "--config-dir", postfix.configDirectory], environment: ["RENEWED_LINEAGE": certbot.live("shop")])
        #expect(other.status == 0 && served("mail.example.org", .ecdsa) == expected && served("mail.example.test", .ecdsa) == sha256("a"), "\(other.all)")
    }

    /// A probe that sees the real canary but refuses what it serves for an SNI name there.
    final class SNICanaryRefusingProbe: ListenerProbing, @unchecked Sendable {
        var canaryNames: [String] = []
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?) -> ProbeResult {
            probe(host: host, port: port, mode: mode, serverName: serverName, keyType: nil)
        }
        func probe(host: String, port: Int, mode: TLSProbeMode, serverName: String?, keyType: ServerKeyType?) -> ProbeResult {
            let real = TLSProbe().probe(host: host, port: port, mode: mode, serverName: serverName, keyType: keyType)
            guard host.hasPrefix("/"), let serverName else { return real }
            canaryNames.append(serverName)
            return .failed(reason: "refused for \(serverName) (seen: \(real.leaf?.sha256FingerprintText ?? "nothing"))", answered: true)
        }
    }

    @Test func theCanaryTriesEachChangedSNINameBeforeTheLiveListenersChange() throws {
        try leaf("a", "mail.example.test", .ec(curve: "P-256"))
        try leaf("org", "mail.example.org", .ec(curve: "P-256"))
        let entry = { (name: String) in "\"sni\": [{\"names\": [\"mail.example.org\"], \"privateKey\": \"\(fixtures.path(name + ".key"))\", \"certificate\": \"\(fixtures.path(name + ".pem"))\", \"intermediates\": [\"\(fixtures.path("intermediate.pem"))\"]}]" }
        try #require(try postfix.apply(answers: answers("a", entry("org"))).status == 0)
        #expect(served("mail.example.org", .ecdsa) == sha256("org"))
        let map = postfix.root + "/tls/sni-map"
        let before = try (String(contentsOfFile: map, encoding: .utf8), Data(contentsOf: URL(fileURLWithPath: map + ".db")))

        try leaf("org2", "mail.example.org", .ec(curve: "P-256"))
        let parsed = try AnswersJSON.parse(Array(try String(contentsOfFile: answers("a", entry("org2")), encoding: .utf8).utf8), file: "answers.json")
        let installation = PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner())
        let plan = PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: Inspector(), servicesFile: nil)
            .build(parsed, passphrases: nil, hostname: "mail.example.test")
        #expect(plan.sniRebuilds.map(\.name) == [map], "the entry's file changes: its map is rebuilt")
        let probe = SNICanaryRefusingProbe()
        #expect {
            _ = try Applier(probe: probe).apply(plan, options: Applier.Options(canary: true))
        } throws: { error in
            (error as? ApplyFailure).map { $0.reason.contains("temporary listener") && !$0.rolledBack } == true
        }
        #expect(probe.canaryNames == ["mail.example.org"], "the canary sent the changed name")
        #expect(served("mail.example.org", .ecdsa) == sha256("org"), "the live entry still serves the old certificate")
        let after = try (String(contentsOfFile: map, encoding: .utf8), Data(contentsOf: URL(fileURLWithPath: map + ".db")))
        #expect(after == before, "the map and its database are as they were")
        let tls = try FileManager.default.contentsOfDirectory(atPath: postfix.root + "/tls")
        #expect(!tls.contains { $0.contains("canary") }, "no canary files left: \(tls)")
    }
}
