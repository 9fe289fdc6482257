import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

/// `pftls csr`: a new private key (or the one in use) and a certificate signing
/// request to paste into the CA's order form: the step the guide starts from.
struct CsrCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csr",
        abstract: Catalog.text("csr.abstract"),
        discussion: Catalog.text("csr.discussion")
    )

    /// `--key-type`, as RequestMaker names it.
    struct KeyTypeOption: ExpressibleByArgument {
        let type: RequestMaker.KeyType
        init?(argument: String) {
            guard let type = RequestMaker.KeyType(rawValue: argument) else { return nil }
            self.type = type
        }
    }

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("csr.name.help"), valueName: "NAME"))
    var names: [String] = []

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.key-type.help")))
    var keyType = KeyTypeOption(argument: "ec-p256")!

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("csr.reuse-key.help")))
    var reuseKey = false

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.out.help"), valueName: "DIR"))
    var out = "."

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.config-dir.help"), valueName: "DIR"), transform: AbsolutePath.of)
    var configDir = PostfixInstallation.standardConfigDirectory

    func validate() throws {
        for name in names where !RequestMaker.isHostName(name) {
            throw ValidationError(Catalog.text("csr.bad-name", ["name": SafeText.escape(name)]))
        }
    }

    func run() throws {
        var chosen = names
        if chosen.isEmpty, let hostname = HostnameDefault(processes: SystemProcessRunner()).resolve(configDirectory: configDir),
           RequestMaker.isHostName(hostname) {
            chosen = [hostname]
        }
        var reuse: (key: PrivateKey, path: String)?
        if reuseKey {
            guard let found = try keyInUse() else { throw ValidationError(Catalog.text("csr.no-key-in-use", ["dir": SafeText.escape(configDir)])) }
            reuse = found
        }
        let made: RequestMaker.Made
        do { made = try RequestMaker(trustedOwner: getuid()).make(names: chosen, keyType: keyType.type, directory: out, reuse: reuse) } catch {
            throw ValidationError(error.description)
        }
        print(made.request, terminator: "")
        RequestMaker.summary(made).forEach { print($0) }
    }

    /// The private key Postfix serves now: the key file of the set-up in force, as `renew` finds it.
    private func keyInUse() throws -> (key: PrivateKey, path: String)? {
        let installation = PostfixInstallation.detect(configDirectory: configDir, processes: SystemProcessRunner())
        let inspector = Inspector()
        guard case .success(let current) = RenewalPlanner(fileSystem: LocalFileSystem(), installation: installation, inspector: inspector).current()
        else { return nil }
        let key = inspector.load(current.keyFile, passphrases: nil).items.lazy
            .compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first
        return key.map { ($0, current.keyFile) }
    }
}
