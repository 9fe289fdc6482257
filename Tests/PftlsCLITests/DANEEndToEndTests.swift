import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// DANE-aware key changes on a real Postfix with a real DNS server on loopback: a new key
/// whose TLSA record is not published is refused with the record to publish, and goes
/// through once it is; `check` compares what is served with what is published.
@Suite(.serialized, .tags(.endToEnd)) struct DANEEndToEndTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures
    let leafA: Certificate

    /// example.test's MX is mail.example.test (this host, 127.0.0.1), which is myhostname.
    static let mailHost = ["mx-host=example.test,mail.example.test,10", "host-record=mail.example.test,127.0.0.1"]

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
        leafA = try fixtures.issueLeaf("a")
        let applied = try fixtures.install("a", on: postfix, ["--no-canary"])
        precondition(applied.status == 0, applied.all)
    }

    private func served() -> Certificate? {
        TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: postfix.smtpPort, mode: .startTLS).leaf
    }

    private func renew(to name: String, resolver: String, extra: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("\(name).key"), "--cert", fixtures.path("\(name).pem"),
                       "--chain", fixtures.path("intermediate.pem"), "--resolver", resolver, "--no-canary"] + extra)
    }

    @Test func aNewKeyWhoseRecordIsNotPublishedIsRefusedThenGoesThroughOncePublished() throws {
        let dns = try LocalDNSServer(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))])
        let leafB = try fixtures.issueLeaf("b")
        let record = "_25._tcp.mail.example.test. 300 IN TLSA 3 1 1 \(Hex.lowercase(leafB.subjectPublicKeyInfoSHA256))"

        let refused = try renew(to: "b", resolver: dns.address)
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.standardOutput.contains("[tlsa-not-published]"), "\(refused.all)")
        #expect(refused.standardOutput.contains(record), "the record to publish: \(refused.all)")
        #expect(refused.standardOutput.contains("not DNSSEC-validated"), "the AD bit is reported")
        #expect(served()?.isSame(as: leafA) == true, "nothing live changed")

        let dryRun = try renew(to: "b", resolver: dns.address, extra: ["--allow-tlsa-mismatch", "--dry-run"])
        #expect(dryRun.status == 0, "--allow-tlsa-mismatch makes it a warning: \(dryRun.all)")

        try dns.serve(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA)),
                                       LocalDNSServer.tlsa("mail.example.test", .endEntity(leafB))])
        let renewed = try renew(to: "b", resolver: dns.address)
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("[tlsa-matches]"))
        #expect(served()?.isSame(as: leafB) == true)

        // The old record is gone and the new one was never published: check says so.
        try dns.serve(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafB))])
        let good = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address])
        #expect(!good.all.contains("tlsa-mismatch"), "\(good.all)")
        #expect(good.all.contains("tlsa-matches"))
        try dns.serve(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))])
        let stale = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address, "--json"])
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("\"tlsa-mismatch\""), "\(stale.all)")
    }

    @Test func aCARecordKeepsANewKeyValid() throws {
        let dns = try LocalDNSServer(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA)),
                                                      LocalDNSServer.tlsa("mail.example.test", .trustAnchor(fixtures.intermediate.certificate))])
        let leafC = try fixtures.issueLeaf("c")
        let renewed = try renew(to: "c", resolver: dns.address)
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(served()?.isSame(as: leafC) == true)
    }

    @Test func anMXNameOfThisHostTheCertificateLacksIsNameNotCoveredInCheckAndRenew() throws {
        postfix.postconf(["-e", "mydestination=$myhostname, other.test, localhost"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        let dns = try LocalDNSServer(Self.mailHost + ["mx-host=other.test,mx.other.test,10", "host-record=mx.other.test,127.0.0.1"])
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address])
        #expect(checked.all.contains("[name-not-covered]") && checked.all.contains("mx.other.test"), "\(checked.all)")
        try fixtures.issueLeaf("d")
        let renewed = try renew(to: "d", resolver: dns.address, extra: ["--dry-run"])
        #expect(renewed.status == 0, "a warning does not block: \(renewed.all)")
        #expect(renewed.standardOutput.contains("mx.other.test"))
    }

    @Test func anIPv6ResolverIsAskedAsAnIPv4OneIs() throws {
        let dns = try LocalDNSServer(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafA))], listenAddress: "::1")
        let matching = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address])
        #expect(matching.all.contains("tlsa-matches"), "\(matching.all)")
        let leafF = try fixtures.issueLeaf("f")
        try dns.serve(Self.mailHost + [LocalDNSServer.tlsa("mail.example.test", .endEntity(leafF))])
        let stale = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", dns.address, "--json"])
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("\"tlsa-mismatch\""), "\(stale.all)")
    }

    @Test func withoutDNSTheChecksSayCouldNotLookUpAndNeverBlock() throws {
        let dns = try LocalDNSServer(Self.mailHost)
        dns.stop()
        let leafE = try fixtures.issueLeaf("e")
        let renewed = try renew(to: "e", resolver: dns.address)
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("[dns-lookup-failed]") && renewed.standardOutput.contains("Could not look up"), "\(renewed.all)")
        #expect(served()?.isSame(as: leafE) == true)
        let invalid = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--resolver", "dns.example"])
        #expect(invalid.status != 0 && invalid.standardError.contains("--resolver"), "\(invalid.all)")
    }
}
