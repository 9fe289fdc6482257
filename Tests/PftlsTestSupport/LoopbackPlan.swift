import Foundation
@testable import PftlsCore

extension CLIFixtures {
    /// A plan that installs a new leaf `leaf` (issued now) for the smtp service of
    /// `postfix` on its loopback port, built as `apply` builds it.
    /// `certificateDirectory` defaults to `tls` in the instance's root.
    package func loopbackPlan(_ leaf: String, on postfix: ThrowawayPostfix, layout: Answers.Layout? = nil,
                      certificateDirectory: String? = nil, smtpLevel: String = "may") throws -> ChangePlan {
        try issueLeaf(leaf)
        let answers = Answers(certificateDirectory: certificateDirectory ?? postfix.root + "/tls", privateKey: path(leaf + ".key"),
                              certificate: path(leaf + ".pem"), intermediates: [path("intermediate.pem")],
                              smtpdSecurityLevel: "may", smtpSecurityLevel: smtpLevel,
                              services: [.init(name: .smtp, listen: postfix.smtpListen)], layout: layout)
        let installation = PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner())
        return PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: Inspector(), servicesFile: nil)
            .build(answers, passphrases: nil, hostname: "mail.example.test")
    }
}

extension CLIFixtures {
    /// The answers file text for the same change as `loopbackPlan`, for `pftls apply`.
    package func loopbackAnswersJSON(_ leaf: String, on postfix: ThrowawayPostfix, smtpLevel: String = "may") -> String {
        """
        {"certificateDirectory": "\(postfix.root)/tls", "privateKey": "\(path(leaf + ".key"))",
         "certificate": "\(path(leaf + ".pem"))", "intermediates": ["\(path("intermediate.pem"))"],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "\(smtpLevel)", "hostname": "mail.example.test",
         "services": [{"name": "smtp", "listen": "\(postfix.smtpListen)"}]}
        """
    }
}
