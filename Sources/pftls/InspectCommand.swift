import ArgumentParser
import Foundation
import PftlsCore

/// `pftls inspect`: will these files work in Postfix, and if not, why.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check a private key, a certificate and its chain before Postfix uses them.",
        discussion: """
        Files may be given in any order and form: PEM (any number of blocks), DER, \
        PKCS#12 (.p12/.pfx) and PKCS#7 (.p7b). Exit status: 0 when no finding is an \
        error, 1 when one is, 2 on a usage error.
        """
    )

    @Option(name: .long, help: "The host name the certificate must cover (default: postconf -h myhostname, else this machine's FQDN).")
    var hostname: String?

    @Option(name: .long, help: ArgumentHelp("Read the passphrase of an encrypted key or PKCS#12 file from FILE (first line).", valueName: "FILE"))
    var passphraseFile: String?

    @Flag(name: .long, help: "Print the findings and the chain as JSON.")
    var json = false

    @Flag(name: .long, help: "Inspect a sample set generated on the spot (a private CA, an intermediate and a server certificate) instead of files.")
    var sample = false

    @Argument(help: ArgumentHelp("Key, certificate and chain files.", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty && !sample {
            throw ValidationError("Give at least one file to inspect, e.g. pftls inspect key.pem cert.pem chain.pem (or --sample)")
        }
        if !files.isEmpty && sample { throw ValidationError("--sample takes no files") }
    }

    func run() throws {
        let report: InspectionReport
        if sample {
            let set = try SampleCertificateSet()
            let options = InspectionOptions(hostname: hostname ?? SampleCertificateSet.hostname)
            report = Inspector(trustStore: .trusting([set.root])).inspect(decoded: set.decodedFiles(), options: options)
        } else {
            let options = InspectionOptions(
                hostname: hostname ?? HostnameDefault().resolve(),
                passphrases: try PassphraseOption.source(file: passphraseFile))
            report = Inspector().inspect(paths: files, options: options)
        }
        print(json ? InspectionJSON(report).render() : InspectionText(report).render(), terminator: json ? "\n" : "")
        if report.hasErrors { throw ExitCode(1) }
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
                throw ValidationError("--passphrase-file: \(error.reason). Give a readable file whose first line is the passphrase.")
            }
        }
        return TerminalPassphrasePrompt.isAvailable ? TerminalPassphrasePrompt() : nil
    }
}
