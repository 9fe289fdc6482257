import Foundation
@testable import PftlsCore

extension ThrowawayPostfix {
    /// A new instance with a new test PKI's files in its `src` directory: where an end-to-end suite starts.
    package static func withFixtures(ipv6Only: Bool = false) throws -> (ThrowawayPostfix, CLIFixtures) {
        let postfix = try ThrowawayPostfix(ipv6Only: ipv6Only)
        return (postfix, try CLIFixtures(directory: postfix.root + "/src"))
    }

    /// Where `service` listens once pftls has set it up: the instance's loopback and the port kept for it.
    package func listen(_ service: Answers.ServiceName) -> String {
        switch service {
        case .smtp: smtpListen
        case .submission: "\(loopback):\(submissionPort)"
        case .submissions: "\(loopback):\(submissionsPort)"
        }
    }

    /// Runs `pftls apply --answers FILE --config-dir` on this instance, with `arguments` after them.
    package func apply(answers file: String, _ arguments: [String] = []) throws -> Pftls.Result {
        try Pftls.run(["apply", "--answers", file, "--config-dir", configDirectory] + arguments)
    }

    /// The plan `pftls apply` makes from `answers` for this instance.
    package func plan(_ answers: TestAnswers) throws -> ChangePlan {
        let parsed = try AnswersJSON.parse(Array(answers.json.utf8), file: "answers.json")
        let installation = PostfixInstallation.detect(configDirectory: configDirectory, processes: SystemProcessRunner())
        return PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: Inspector(), servicesFile: nil)
            .build(parsed, passphrases: nil, hostname: "mail.example.test")
    }
}

extension CLIFixtures {
    /// The answers that install leaf `leaf` (`<leaf>.key`, `<leaf>.pem` and the intermediate)
    /// into `certificateDirectory` for `services`.
    package func answers(_ leaf: String, into certificateDirectory: String, services: [TestAnswers.Service]) -> TestAnswers {
        TestAnswers(certificateDirectory: certificateDirectory, privateKey: path(leaf + ".key"), certificate: path(leaf + ".pem"),
                    intermediates: [path("intermediate.pem")], services: services)
    }

    /// The same for `postfix`: into `tls` in the instance's root, for `services` on their loopback ports.
    package func answers(_ leaf: String, on postfix: ThrowawayPostfix, services: [Answers.ServiceName] = [.smtp],
                         smtpLevel: String = "may") -> TestAnswers {
        var answers = answers(leaf, into: postfix.root + "/tls", services: services.map { ($0, postfix.listen($0)) })
        answers.smtpSecurityLevel = smtpLevel
        return answers
    }

    /// Installs leaf `leaf`, issued before, for `services` of `postfix` with `pftls apply`
    /// (and `arguments`): the answers are written to `answers-<leaf>.json`.
    @discardableResult
    package func install(_ leaf: String, on postfix: ThrowawayPostfix, services: [Answers.ServiceName] = [.smtp],
                         _ arguments: [String] = []) throws -> Pftls.Result {
        try postfix.apply(answers: write("answers-\(leaf).json", answers(leaf, on: postfix, services: services).json), arguments)
    }

    /// A plan that installs a new leaf `leaf` (issued now) for the smtp service of
    /// `postfix` on its loopback port, built as `apply` builds it: from the answers file's text.
    /// `certificateDirectory` defaults to `tls` in the instance's root.
    package func loopbackPlan(_ leaf: String, on postfix: ThrowawayPostfix, layout: Answers.Layout? = nil,
                              certificateDirectory: String? = nil, smtpLevel: String = "may") throws -> ChangePlan {
        try issueLeaf(leaf)
        var answers = answers(leaf, on: postfix, smtpLevel: smtpLevel)
        answers.layout = layout
        answers.certificateDirectory = certificateDirectory ?? answers.certificateDirectory
        return try postfix.plan(answers)
    }
}
