import Foundation
@testable import PftlsCore

/// A throwaway Postfix that serves a first certificate (`a.pem`, for mail.example.test or
/// `names`) on smtp, submission and submissions, put in place with `pftls apply`: where a
/// renewal starts.
package struct ServingPostfix {
    package let postfix: ThrowawayPostfix
    package let fixtures: CLIFixtures
    /// The certificate served at the start.
    package let first: Certificate

    package init(names: [String]? = nil) throws {
        postfix = try ThrowawayPostfix()
        fixtures = try CLIFixtures(directory: postfix.root + "/src")
        try postfix.start()
        first = try fixtures.issueLeaf("a", names: names)
        let answers = fixtures.write("answers.json", """
        {"certificateDirectory": "\(postfix.root)/tls", "privateKey": "\(fixtures.path("a.key"))",
         "certificate": "\(fixtures.path("a.pem"))", "intermediates": ["\(fixtures.path("intermediate.pem"))"],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "hostname": "mail.example.test",
         "services": [{"name": "smtp", "listen": "127.0.0.1:\(postfix.smtpPort)"}, {"name": "submission", "listen": "127.0.0.1:\(postfix.submissionPort)"},
                      {"name": "submissions", "listen": "127.0.0.1:\(postfix.submissionsPort)"}]}
        """)
        let applied = try Pftls.run(["apply", "--answers", answers, "--config-dir", postfix.configDirectory])
        precondition(applied.status == 0, applied.all)
    }

    /// The leaf each listener serves now.
    package func served() -> [Certificate?] {
        [(postfix.smtpPort, TLSProbeMode.startTLS), (postfix.submissionPort, .startTLS), (postfix.submissionsPort, .implicit)].map {
            TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: $0.0, mode: $0.1).leaf
        }
    }

    /// Every file of the configuration and certificate directories, backups left out.
    package func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for base in [postfix.configDirectory, postfix.root + "/tls"] {
            for case let name as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] where !name.contains("pftls-backups") {
                if let data = FileManager.default.contents(atPath: base + "/" + name) { files[base + "/" + name] = data }
            }
        }
        return files
    }
}
