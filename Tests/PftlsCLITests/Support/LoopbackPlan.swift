import Foundation
@testable import PftlsCore

extension CLIFixtures {
    /// A plan that installs a new leaf `leaf` (issued now) for the smtp service of
    /// `postfix` on its loopback port, built as `apply` builds it.
    func loopbackPlan(_ leaf: String, on postfix: ThrowawayPostfix, layout: Answers.Layout? = nil) throws -> ChangePlan {
        try issueLeaf(leaf)
        let answers = Answers(certificateDirectory: postfix.root + "/tls", privateKey: path(leaf + ".key"),
                              certificate: path(leaf + ".pem"), intermediates: [path("intermediate.pem")],
                              smtpdSecurityLevel: "may", smtpSecurityLevel: "may",
                              services: [.init(name: .smtp, listen: "127.0.0.1:\(postfix.smtpPort)")], layout: layout)
        let installation = PostfixInstallation.detect(configDirectory: postfix.configDirectory, processes: SystemProcessRunner())
        return PlanBuilder(fileSystem: LocalFileSystem(), installation: installation, inspector: Inspector(), servicesFile: nil)
            .build(answers, passphrases: nil, hostname: "mail.example.test")
    }
}

extension CLIFixtures {
    /// The answers file text for the same change as `loopbackPlan`, for `pftls apply`.
    func loopbackAnswersJSON(_ leaf: String, on postfix: ThrowawayPostfix) -> String {
        """
        {"certificateDirectory": "\(postfix.root)/tls", "privateKey": "\(path(leaf + ".key"))",
         "certificate": "\(path(leaf + ".pem"))", "intermediates": ["\(path("intermediate.pem"))"],
         "smtpdSecurityLevel": "may", "smtpSecurityLevel": "may", "hostname": "mail.example.test",
         "services": [{"name": "smtp", "listen": "127.0.0.1:\(postfix.smtpPort)"}]}
        """
    }
}
