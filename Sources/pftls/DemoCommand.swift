import ArgumentParser
import Foundation
import PftlsCore
import PftlsUI

/// `pftls demo`: the wizard in a sandbox with generated sample files.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk through the wizard in a sandbox: a stock Debian 12 Postfix config and a sample key and certificates. The real system is never touched.",
        discussion: "Press Enter at every step and type `demo` when asked for the passphrase."
    )

    func run() throws {
        try TerminalSession.requireTerminal()
        let (layout, set) = try DemoSandboxBuilder.build()
        let sandbox = DemoSandbox(root: layout.root, incoming: layout.incoming, passphrase: DemoSandboxBuilder.passphrase)
        let context = WizardContext(configDirectory: layout.configDirectory, demo: sandbox, browseDirectory: layout.incoming,
                                    glyphs: TerminalSession.glyphs(), trustedOwner: getuid())
        let runner = EffectRunner(context: context, trustStore: .trusting([set.root]))
        let outcome = TerminalSession.run(WizardModel(context: context), runner: runner)
        if let result = outcome.model.result { print(result.lines.joined(separator: "\n")) }
        if outcome.model.result?.succeeded == true {
            print("Demo config set written to \(layout.root)")
        } else if ["pftls-config-set", "pftls-answers.json"].contains(where: { FileManager.default.fileExists(atPath: layout.root + "/" + $0) }) {
            print("Demo sandbox: \(layout.root) (kept: it holds what you saved)")
        } else {
            // Nothing was written or saved: the sandbox has nothing worth keeping.
            try? FileManager.default.removeItem(atPath: layout.root)
            print("Demo sandbox removed (nothing was written).")
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
