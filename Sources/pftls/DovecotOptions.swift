import ArgumentParser
import PftlsCore

/// `--dovecot`, `--no-dovecot` and `--dovecot-config FILE`, shared by the commands that
/// change or check the certificate (`apply`, `renew`, `check`): one declaration, one help text.
struct DovecotOptions: ParsableArguments {
    @Flag(name: .long, inversion: .prefixedNo, help: ArgumentHelp(Catalog.text("dovecot.option.help")))
    var dovecot: Bool?

    @Option(name: .customLong("dovecot-config"), help: ArgumentHelp(Catalog.text("dovecot.option.config-help"), valueName: "FILE"),
            transform: AbsolutePath.of)
    var configFile: String?

    /// These options as given, for a command suggested to run next (`--dovecot-config FILE`,
    /// `--dovecot`, `--no-dovecot`; none when none was given).
    var words: [String] {
        if let configFile { return ["--dovecot-config", configFile] }
        return dovecot.map { [$0 ? "--dovecot" : "--no-dovecot"] } ?? []
    }

    /// Which Dovecot the command covers, with the answers' choice; nil: none.
    func request(answers: Answers.DovecotChoice?, postfixConfigDirectory: String) -> DovecotRequest? {
        DovecotRequest.resolve(flag: dovecot, configFile: configFile, answers: answers, postfixConfigDirectory: postfixConfigDirectory)
    }

    /// The request, and Dovecot as its tools describe it now.
    func situation(answers: Answers.DovecotChoice?, postfixConfigDirectory: String, processes: ProcessRunner) -> DovecotSituation? {
        request(answers: answers, postfixConfigDirectory: postfixConfigDirectory)?.read(processes: processes)
    }
}
