import Foundation
import Testing
import Glibc
@testable import PftlsCore
import PftlsTestSupport

/// The SNI path attacked: a map reached through a symbolic link, a map of garbage, names
/// that carry terminal escapes, and a run killed between the map's edit and its rebuild.
/// Against a real throwaway Postfix, witnessed by `openssl s_client -servername`.
@Suite(.serialized, .tags(.endToEnd)) struct SNIHostileMapTests {
    let postfix: ThrowawayPostfix
    let fixtures: CLIFixtures

    init() throws {
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
    }

    private func leaf(_ name: String, _ hostname: String) throws {
        let pair = try fixtures.pki.issueLeaf(.server(hostname))
        fixtures.write(name + ".key", TestPKI.pem(pair.key))
        fixtures.write(name + ".pem", pair.certificate.pem)
    }

    /// The default pair `a` installed, and a hand-written map holding `source`, built and in force.
    private func setUp(map source: String, at path: String? = nil) throws -> String {
        try leaf("a", "mail.example.test")
        var answers = fixtures.answers("a", on: postfix, services: [.smtp]).json
        answers = String(answers.dropLast(answers.hasSuffix("\n") ? 2 : 1)) + ", \"names\": []}"
        let applied = try postfix.apply(answers: fixtures.write("answers.json", answers))
        try #require(applied.status == 0, "\(applied.all)")
        let mapPath = path ?? fixtures.path("sni_map")
        FileManager.default.createFile(atPath: mapPath, contents: Data(source.utf8), attributes: [.posixPermissions: 0o644])
        _ = Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + mapPath])
        _ = postfix.postconf(["-e", "tls_server_sni_maps = hash:" + fixtures.path("sni_map")])
        ThrowawayPostfix.backdate(postfix.configDirectory + "/main.cf")
        postfix.reload()
        return fixtures.path("sni_map")
    }

    /// A chain file (key, leaf, intermediate) for `name`'s pair.
    private func chain(_ name: String) throws -> String {
        fixtures.write(name + "-chain.pem", try String(contentsOfFile: fixtures.path(name + ".key"), encoding: .utf8)
            + String(contentsOfFile: fixtures.path(name + ".pem"), encoding: .utf8) + fixtures.intermediate.certificate.pem)
    }

    private func renewEntry(_ name: String, _ hostname: String, environment: [String: String] = [:]) throws -> Pftls.Result {
        try Pftls.run(["renew", "--key", fixtures.path(name + ".key"), "--cert", fixtures.path(name + ".pem"),
                       "--chain", fixtures.path("intermediate.pem"), "--sni", hostname, "--config-dir", postfix.configDirectory],
                      environment: environment)
    }

    private func served(_ serverName: String) -> String? {
        let output = Shell.run("timeout", ["10", "openssl", "s_client", "-connect", "127.0.0.1:\(postfix.smtpPort)", "-starttls", "smtp",
                                           "-servername", serverName], input: "").output
        guard let begin = output.range(of: "-----BEGIN CERTIFICATE-----"), let end = output.range(of: "-----END CERTIFICATE-----") else { return nil }
        return SClientProbe.sha256(pem: String(output[begin.lowerBound..<end.upperBound]) + "\n")
    }

    private func sha256(_ name: String) -> String? {
        SClientProbe.sha256(pem: (try? String(contentsOfFile: fixtures.path(name + ".pem"), encoding: .utf8)) ?? "")
    }

    @Test func aMapReachedThroughASymbolicLinkIsEditedWhereItLivesAndTheLinkStays() throws {
        try leaf("org", "mail.example.org")
        let shared = postfix.root + "/shared-sni-map"
        // Config management keeps the real map elsewhere and links it into place.
        let linkPath = fixtures.path("sni_map")
        try leaf("old", "mail.example.org")
        let source = "mail.example.org \(try chain("old"))\n"
        FileManager.default.createFile(atPath: shared, contents: Data(source.utf8), attributes: [.posixPermissions: 0o644])
        #expect(symlink(shared, linkPath) == 0)
        _ = try setUp(map: source, at: shared)
        _ = Shell.run("postmap", ["-c", postfix.configDirectory, "-F", "hash:" + linkPath])
        postfix.reload()
        #expect(served("mail.example.org") == sha256("old"))

        let renewed = try renewEntry("org", "mail.example.org")
        var info = stat()
        #expect(lstat(linkPath, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link is still a link: \(renewed.all)")
        if renewed.status == 0 {
            #expect(try String(contentsOfFile: shared, encoding: .utf8).contains("sni-mail.example.org.pem"), "the map it points to was edited")
            #expect(served("mail.example.org") == sha256("org"))
        } else {
            #expect(renewed.all.contains(linkPath) || renewed.all.contains(shared), "the refusal names the map: \(renewed.all)")
            #expect(try String(contentsOfFile: shared, encoding: .utf8) == source, "nothing changed")
        }
    }

    @Test func aMapOfGarbageIsNamedNotCrashedOn() throws {
        // NUL bytes, a line of 2 MiB, invalid UTF-8 and a name holding a terminal escape.
        var garbage = Data("mail.example.org /nonexistent/\u{1B}[31mred.pem\n".utf8)
        garbage.append(contentsOf: [0, 0xFF, 0xFE, 0x0A])
        garbage.append(Data(repeating: UInt8(ascii: "x"), count: 2 << 20))
        garbage.append(Data("\n\u{1B}]0;owned\u{07}.example.net /nonexistent.pem\n".utf8))
        let mapPath = try setUp(map: "")
        FileManager.default.createFile(atPath: mapPath, contents: garbage, attributes: [.posixPermissions: 0o644])

        let checked = try Pftls.run(["check", "--no-probe", "--config-dir", postfix.configDirectory], timeout: 120)
        #expect(checked.status == 1, "\(checked.all)")
        #expect(!checked.all.contains("\u{1B}"), "no raw escape reaches the terminal")
        #expect(checked.all.contains(mapPath), "the map is named: \(checked.all.prefix(2000))")

        try leaf("org", "mail.example.org")
        let renewed = try Pftls.run(["renew", "--key", fixtures.path("org.key"), "--cert", fixtures.path("org.pem"),
                                     "--chain", fixtures.path("intermediate.pem"), "--sni", "mail.example.org",
                                     "--config-dir", postfix.configDirectory], timeout: 120)
        #expect(!renewed.all.contains("\u{1B}"), "no raw escape reaches the terminal")
        #expect(renewed.status != 0 || served("mail.example.org") == sha256("org"), "either refused or done: \(renewed.all.prefix(2000))")
        if renewed.status != 0 {
            #expect(renewed.all.contains(mapPath), "the refusal names the map: \(renewed.all.prefix(2000))")
            #expect(FileManager.default.contents(atPath: mapPath) == garbage, "a refusal changes nothing")
        }
    }

    @Test func aRunKilledBetweenTheMapsEditAndItsRebuildIsFoundAndFinishedByTheNext() throws {
        try leaf("old", "mail.example.org")
        _ = try setUp(map: "mail.example.org \(try chain("old"))\n")
        #expect(served("mail.example.org") == sha256("old"))
        try leaf("org", "mail.example.org")

        // postmap stands still once called for the live map: its source is edited, its database not yet.
        let bin = postfix.root + "/slow-bin"
        let mark = postfix.root + "/postmap-called"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let postmap = Shell.run("sh", ["-c", "command -v postmap"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        // Only for the live map: the canary builds its own copy first, and must get through.
        let live = fixtures.path("sni_map")
        // It waits for the mark to go, then fails: the database is never rebuilt by this run.
        try ExecutableScript.write("#!/bin/sh\ncase \"$*\" in *'\(live)'*) touch '\(mark)'; while [ -e '\(mark)' ]; do sleep 0.1; done; exit 1 ;; esac\nexec \(postmap) \"$@\"\n",
                                   to: bin + "/postmap")
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Pftls.executable)
        process.arguments = ["renew", "--key", fixtures.path("org.key"), "--cert", fixtures.path("org.pem"), "--chain", fixtures.path("intermediate.pem"),
                             "--sni", "mail.example.org", "--config-dir", postfix.configDirectory]
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": path, "PFTLS_RESOLVER": "none"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: mark) { usleep(100_000) }
        try #require(FileManager.default.fileExists(atPath: mark), "postmap was called")
        kill(process.processIdentifier, SIGKILL)
        unlink(mark)
        process.waitUntilExit()

        // The old certificate is still served (the database was never rebuilt), and check says why.
        #expect(served("mail.example.org") == sha256("old"), "a: \(sha256("a") ?? "") org: \(sha256("org") ?? "") map: \((try? String(contentsOfFile: fixtures.path("sni_map"), encoding: .utf8)) ?? "")")
        let checked = try Pftls.run(["check", "--no-probe", "--config-dir", postfix.configDirectory])
        #expect(checked.all.contains("sni-map-stale") || checked.all.contains("postmap"), "\(checked.all)")

        // The next run finishes the job.
        let again = try renewEntry("org", "mail.example.org")
        #expect(again.status == 0, "\(again.all)\n\(postfix.maillog)")
        #expect(served("mail.example.org") == sha256("org"))
        let after = try Pftls.run(["check", "--no-probe", "--config-dir", postfix.configDirectory])
        #expect(!after.all.contains("sni-map-stale"), "\(after.all)")
    }
}
