import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `pftls inspect`: will these files work in Postfix, and if not, why.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: Catalog.text("cli.inspect.abstract"),
        discussion: Catalog.text("cli.InspectCommand.discussion")
    )

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.inspect.hostnameHelp")))
    var hostname: String?

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("names.option.help"), valueName: "NAME"))
    var names: [String] = []

    @Flag(name: .customLong("names"), help: ArgumentHelp(Catalog.text("inspect.names.help")))
    var namesInUse = false

    @OptionGroup var dns: ResolverOptions

    @OptionGroup var privateCA: PrivateCAOption

    @OptionGroup var expiry: ExpiryOptions

    @Option(name: .long, help: ArgumentHelp(Catalog.text("cli.inspect.passphraseFileHelp"), valueName: "FILE"))
    var passphraseFile: String?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.inspect.jsonHelp")))
    var json = false

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("cli.inspect.sampleHelp")))
    var sample = false

    @Argument(help: ArgumentHelp(Catalog.text("cli.inspect.filesHelp"), valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty && !sample {
            throw ValidationError(Catalog.text("inspect.needsFiles"))
        }
        if !files.isEmpty && sample { throw ValidationError(Catalog.text("inspect.sampleTakesNoFiles")) }
    }

    func run() throws {
        let report: InspectionReport
        if sample {
            let set = try SampleCertificateSet()
            let options = expiry.thresholds.applied(to: InspectionOptions(hostname: hostname ?? SampleCertificateSet.hostname, names: names,
                                                                          privateCA: privateCA.privateCA))
            report = Inspector(trustStore: .trusting([set.root])).inspect(decoded: set.decodedFiles(), options: options)
        } else {
            // With --names, one postconf question gives myhostname and the mail domains.
            let configured = namesInUse ? ConfigQuery.ask(configDirectory: nil, processes: SystemProcessRunner()) : nil
            let configuredHost = configured?.value("myhostname") ?? ""
            let hostname = hostname ?? (configuredHost.isEmpty ? HostnameDefault().resolve() : configuredHost)
            let options = expiry.thresholds.applied(to: InspectionOptions(hostname: hostname, passphrases: try PassphraseOption.source(file: passphraseFile),
                                                                          names: names, privateCA: privateCA.privateCA))
            report = namesChecked(Inspector().inspect(paths: files, options: options), hostname: hostname, configured: configured)
        }
        print(json ? InspectionJSON(report).render() : InspectionText(report).render(), terminator: json ? "\n" : "")
        if report.hasErrors { throw ExitCode(1) }
    }
}

extension InspectCommand {
    /// With `--names`: the MX names of this host and the TLSA records published for them,
    /// through DNS, checked against the files.
    private func namesChecked(_ report: InspectionReport, hostname: String?, configured: ConfigQuery?) -> InspectionReport {
        guard let configured, let leaf = report.chain.first, let check = dns.dnsCheck() else { return report }
        let lookups = check.lookUp(hostname: hostname, value: configured.value)
        return report.adding(check.beforeChange(chain: report.servedChain, file: leaf.file, lookups: lookups, known: names + [hostname].compactMap { $0 }))
    }
}

/// Where a command gets its passphrase: the file given, else a prompt when a
/// person is at the terminal, else nowhere.
enum PassphraseOption {
    static func source(file: String?) throws -> PassphraseSource? {
        if let file {
            do {
                return FixedPassphrase(try PassphraseFile.read(file))
            } catch {
                throw ValidationError(Catalog.text("inspect.passphraseFileUnreadable", ["reason": "\(error.reason)"]))
            }
        }
        return TerminalPassphrasePrompt.isAvailable ? TerminalPassphrasePrompt() : nil
    }
}
