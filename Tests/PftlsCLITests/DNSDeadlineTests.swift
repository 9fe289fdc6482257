import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// All the DNS lookups of one command share one deadline (30 s): a slow resolver, one
/// that never answers, or one that holds a TCP connection without a word never keeps a
/// renewal from a hook or a timer waiting longer, and the output says what could not be
/// looked up.
@Suite(.tags(.endToEnd)) struct DNSDeadlineTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    /// How long a command may take past the deadline: postconf, the plan, the dry run.
    static let slack: TimeInterval = 8

    /// many.test has 64 MX hosts, none of them this host: each costs an A and an AAAA lookup.
    static let manyMX: [String: [[UInt8]]] = {
        var zone: [String: [[UInt8]]] = ["15 many.test": (0..<64).map { ScriptedDNSServer.mx(10, String(format: "mx%02d.many.test", $0)) }]
        for index in 0..<64 { zone[String(format: "1 mx%02d.many.test", index)] = [ScriptedDNSServer.a("192.0.2.\(index + 1)")] }
        return zone
    }()

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try fixtures.issueLeaf("a")
        try fixtures.issueLeaf("b")
        let applied = try fixtures.install("a", on: postfix, ["--no-reload", "--no-canary"])
        precondition(applied.status == 0, applied.all)
        postfix.postconf(["-e", "mydestination=$myhostname, many.test, localhost"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
    }

    /// `renew --dry-run` to leaf b, as a hook would run it, over `resolver`; the run is
    /// killed after `limit` seconds so that a hang fails the test instead of stalling it.
    private func renew(resolver: String, limit: TimeInterval = 90) throws -> (Pftls.Result, TimeInterval) {
        let started = Date()
        let result = try Pftls.run(["renew", "--config-dir", postfix.configDirectory, "--key", fixtures.path("b.key"),
                                    "--cert", fixtures.path("b.pem"), "--chain", fixtures.path("intermediate.pem"),
                                    "--resolver", resolver, "--no-canary", "--dry-run"], timeout: limit)
        return (result, Date().timeIntervalSince(started))
    }

    @Test func aSlowResolverWith64MXHostsStopsAtTheDeadlineAndSaysWhatWasNotLookedUp() throws {
        let server = try ScriptedDNSServer(Self.manyMX, behaviour: .answer(delay: 0.3))
        defer { server.stop() }
        let (renewed, elapsed) = try renew(resolver: server.address)
        #expect(elapsed < 30 + Self.slack, "the whole renewal took \(elapsed) s: \(renewed.all)")
        #expect(renewed.status == 0, "DNS never blocks a renewal: \(renewed.all)")
        #expect(renewed.standardOutput.contains("[dns-lookup-failed]"), "\(renewed.all)")
        #expect(renewed.standardOutput.contains("DNS deadline of 30 s"), "the output says the deadline ran out: \(renewed.all)")
        #expect(renewed.standardOutput.contains("Not checked either: mx"), "and names what was not looked up: \(renewed.all)")
        #expect(renewed.standardOutput.contains(".many.test A/AAAA"), "\(renewed.all)")
        #expect(server.answered < 110, "no lookup is made once the time has run out: \(server.answered)")
    }

    @Test func aResolverThatNeverAnswersCostsSecondsNotTheDeadline() throws {
        let server = try ScriptedDNSServer([:], behaviour: .silent)
        defer { server.stop() }
        let (renewed, elapsed) = try renew(resolver: server.address)
        #expect(elapsed < 15, "the first lookup without an answer ends the lookups: \(elapsed) s")
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("[dns-lookup-failed]") && renewed.standardOutput.contains("Could not look up"), "\(renewed.all)")
        #expect(renewed.standardOutput.contains("many.test MX"), "the lookups not made are named: \(renewed.all)")
    }

    @Test func aResolverThatHoldsTheTCPConnectionSilentlyStopsAtTheDeadline() throws {
        // The C library reads a TCP answer with no timeout of its own.
        let server = try ScriptedDNSServer([:], behaviour: .truncatedThenSilentTCP)
        defer { server.stop() }
        let (renewed, elapsed) = try renew(resolver: server.address, limit: 30 + 2 * Self.slack)
        #expect(elapsed < 30 + Self.slack, "the renewal took \(elapsed) s: \(renewed.all)")
        #expect(renewed.status == 0, "\(renewed.all)")
        #expect(renewed.standardOutput.contains("DNS deadline of 30 s"), "\(renewed.all)")
    }
}
