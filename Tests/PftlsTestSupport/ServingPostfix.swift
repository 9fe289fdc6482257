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
        (postfix, fixtures) = try ThrowawayPostfix.withFixtures()
        try postfix.start()
        first = try fixtures.issueLeaf("a", names: names)
        let applied = try fixtures.install("a", on: postfix, services: [.smtp, .submission, .submissions])
        precondition(applied.status == 0, applied.all)
    }

    /// The leaf each listener serves now.
    package func served() -> [Certificate?] {
        [(postfix.smtpPort, TLSProbeMode.startTLS), (postfix.submissionPort, .startTLS), (postfix.submissionsPort, .implicit)].map {
            TLSProbe(timeout: 5).probe(host: "127.0.0.1", port: $0.0, mode: $0.1).leaf
        }
    }
}
