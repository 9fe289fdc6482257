import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// A host (or container) with IPv6 alone: no 127.0.0.1, only ::1. A Postfix that listens
/// on every address of both versions (`inet_protocols = all`, a wildcard smtp on port 25)
/// is reached on ::1, and a listen address of a version inet_protocols turns off is refused
/// before anything is written. Everything runs in a network namespace of the test's own.
@Suite(.serialized, .tags(.endToEnd)) struct WithoutIPv4LoopbackTests {
    let network: NetworkNamespace
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        network = try NetworkNamespace(name: "pftls-" + URL(fileURLWithPath: postfix.root).lastPathComponent, ipv4Loopback: false)
        let masterPath = postfix.configDirectory + "/master.cf"
        let master = try String(contentsOfFile: masterPath, encoding: .utf8)
        try master.replacingOccurrences(of: "\n\(postfix.smtpListen) inet", with: "\nsmtp      inet")
            .write(toFile: masterPath, atomically: true, encoding: .utf8)
        postfix.postconf(["-e", "inet_interfaces=all", "inet_protocols=all"])
        for name in ["main.cf", "master.cf"] { ThrowawayPostfix.backdate(postfix.configDirectory + "/" + name) }
        let started = network.run("postfix", ["-c", postfix.configDirectory, "start"])
        try #require(started.status == 0, "\(started.all)\n\(postfix.maillog)")
    }

    private func apply(_ name: String, services: [TestAnswers.Service]) throws -> Pftls.Result {
        let answers = fixtures.answers(name, into: postfix.root + "/tls", services: services)
        return try Pftls.run(["apply", "--answers", fixtures.write("answers-\(name).json", answers.json), "--config-dir", postfix.configDirectory],
                             prefix: network.prefix)
    }

    @Test func aWildcardListenerIsProvedOnTheIPv6Loopback() throws {
        defer { network.run("postfix", ["-c", postfix.configDirectory, "stop"]) }
        try fixtures.issueLeaf("a")
        let applied = try apply("a", services: [(.smtp, "")])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(applied.standardOutput.contains("::1 port 25"), "\(applied.all)")
        let checked = try Pftls.run(["check", "--config-dir", postfix.configDirectory, "--json"], prefix: network.prefix)
        #expect(checked.status == 0, "\(checked.all)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.standardOutput.utf8)) as? [String: Any])
        let services = try #require(report["services"] as? [[String: Any]])
        #expect(services.map { $0["host"] as? String } == ["::1"], "\(services)")
        #expect(services.allSatisfy { $0["served"] != nil && $0["error"] == nil }, "\(services)")
    }

    @Test func anIPv4AddressWithIPv4OffIsRefusedBeforeAnythingIsWritten() throws {
        defer { network.run("postfix", ["-c", postfix.configDirectory, "stop"]) }
        postfix.postconf(["-e", "inet_protocols=ipv6"])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        let before = ConfigFiles.snapshot(postfix.configDirectory)
        try fixtures.issueLeaf("b")
        let refused = try apply("b", services: [(.smtp, ""), (.submissions, "0.0.0.0:465")])
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.standardOutput.contains("[listen-family-off]"), "\(refused.all)")
        #expect(ConfigFiles.snapshot(postfix.configDirectory) == before, "nothing written")
        let master = network.run("postfix", ["-c", postfix.configDirectory, "status"])
        #expect(master.status == 0, "Postfix still runs: \(master.all)")
    }
}
