import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore
import PftlsUI

/// `pftls demo`: the wizard in a sandbox with generated sample files.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: Catalog.text("cli.demo.abstract"),
        discussion: Catalog.text("cli.demo.discussion")
    )

    func run() throws {
        try TerminalSession.requireTerminal(configDirectory: nil)
        // The directories now, the keys and certificates while the first frame is drawn.
        let layout = try DemoSandboxBuilder.create()
        let sandbox = DemoSandbox(root: layout.root, incoming: layout.incoming, passphrase: DemoSandboxBuilder.passphrase)
        let context = WizardContext(configDirectory: layout.configDirectory, demo: sandbox, browseDirectory: layout.incoming,
                                    glyphs: TerminalSession.glyphs(), trustedOwner: getuid())
        let runner = EffectRunner(context: context) {
            Result { () throws -> TrustStore in .trusting([try DemoSandboxBuilder.populate(layout).root]) }
        }
        let outcome = TerminalSession.run(WizardModel(context: context), runner: runner)
        if let result = outcome.model.result { print(result.lines.joined(separator: "\n")) }
        // After a write, the result's last line already says where the config set is: it is said once.
        if outcome.model.result?.succeeded != true {
            if ["pftls-config-set", "pftls-answers.json"].contains(where: { FileManager.default.fileExists(atPath: layout.root + "/" + $0) }) {
                print(Catalog.text("demo.sandboxKept", ["root": "\(layout.root)"]))
            } else {
                // Nothing was written or saved: the sandbox has nothing worth keeping.
                try? FileManager.default.removeItem(atPath: layout.root)
                print(Catalog.text("demo.sandboxRemoved"))
            }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
