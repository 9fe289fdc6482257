import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `pftls apply`: carry out an answers file, with review, backup, check, reload and probe.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: Catalog.text("cli.apply.abstract"),
        discussion: Catalog.text("cli.ApplyCommand.discussion")
    )

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.apply.answersHelp"), valueName: "FILE"))
    var answers: String

    @OptionGroup var change: ChangeOptions

    func run() throws {
        // Postfix is asked first: its answers come on other threads while the answers are read.
        let processes = SystemProcessRunner()
        let installation = PostfixInstallation.detect(configDirectory: change.configDirectory.path, processes: processes)
        let parsed = try AnswersFileOption.read(answers)
        let hostname = parsed.hostname ?? installation.hostname
        // The set-up in force, read once: the plan starts from it and changes it only while it is still on disk.
        let fileSystem = LocalFileSystem()
        let setup = TLSSetupInForce.read(installation, fileSystem: fileSystem)
        let plan = PlanBuilder.forSystem(fileSystem: fileSystem, installation: installation, inspector: Inspector(),
                                         baseline: ConfigBaseline.read(installation, processes: processes, runCheck: !change.dryRun),
                                         dns: change.dnsCheck)
            .covering(change.dovecot.situation(answers: parsed.dovecot, postfixConfigDirectory: change.configDirectory.path, processes: processes))
            .stagingEarly(processes: processes)
            .readingBaseline(whenConfigUnchanged: ConfigBaseline.read(installation, processes: processes, runCheck: false))
            .build(parsed, setup: setup, passphrases: try PassphraseOption.source(file: change.passphraseFile), hostname: hostname)
        if change.json {
            _ = try ApplyReport.run(plan, options: change, command: "apply", unchanged: "")
            return
        }
        print(PlanText.render(plan, diffs: change.dryRun || plan.hasErrors == false && !plan.isNoOp), terminator: "")
        if plan.hasErrors {
            if !change.dryRun { ApplyReport.recordRefusal(plan, options: change, command: "apply") }
            throw ExitCode(1)
        }
        if change.dryRun {
            try ApplyReport.rehearse(plan, command: "apply", processes: processes)
            print(plan.isNoOp ? "" : Catalog.text("apply.dryRun"))
            if !plan.isNoOp && !change.noReload && !change.noCanary { print(Catalog.text("canary.dry-run")) }
            return
        }
        _ = try ApplyReport.run(plan, options: change, command: "apply", unchanged: Catalog.text("apply.nothingToChange"))
    }
}

/// Reads the answers file, turning every problem into a usage error that names the file and key.
enum AnswersFileOption {
    /// The largest answers file read: 1 MiB.
    static let limit = 1 << 20

    static func read(_ path: String) throws -> Answers {
        let bytes: [UInt8]
        if path == "-" {
            // `--answers -`: from standard input (Ansible passes the answers this way).
            guard let input = StandardStreams.readInput(limit: limit) else {
                throw ValidationError(Catalog.text("cli.apply.answersUnreadable", ["reason": Catalog.text("answers.input-too-large", [
                    "source": Catalog.text("answers.stdin"), "limit": "\(limit)"])]))
            }
            return try parse(input, name: Catalog.text("answers.stdin"))
        }
        do { bytes = try LocalFileSystem().readFile(path, limit: limit) } catch {
            throw ValidationError(Catalog.text("cli.apply.answersUnreadable", ["reason": "\(error.reason)"]))
        }
        return try parse(bytes, name: path)
    }

    private static func parse(_ bytes: [UInt8], name: String) throws -> Answers {
        do { return try AnswersJSON.parse(bytes, file: name) } catch {
            throw ValidationError(error.description)
        }
    }
}
