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

    /// `--key-type`, as RequestMaker names it; the help shows the names, not the Swift value.
    struct KeyTypeOption: ExpressibleByArgument {
        let type: RequestMaker.KeyType

        init(_ type: RequestMaker.KeyType) { self.type = type }

        init?(argument: String) {
            guard let type = RequestMaker.KeyType(rawValue: argument) else { return nil }
            self.type = type
        }

        var defaultValueDescription: String { type.rawValue }
        static var allValueStrings: [String] { RequestMaker.KeyType.allCases.map(\.rawValue) }
    }

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("csr.name.help"), valueName: "NAME"))
    var names: [String] = []

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.key-type.help"), valueName: "TYPE"))
    var keyType = KeyTypeOption(RequestMaker.KeyType.recommended)

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.subject.help"), valueName: "FIELDS"))
    var subject: String?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("csr.reuse-key.help")))
    var reuseKey = false

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.out.help"), valueName: "DIR"))
    var out: String?

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("csr.next-key.help")))
    var nextKey = false

    @OptionGroup var configDirectory: ConfigDirectoryOption

    @OptionGroup var dns: ResolverOptions

    func validate() throws {
        for name in names where !RequestMaker.isHostName(name) {
            throw ValidationError(Catalog.text("csr.bad-name", ["name": SafeText.escape(name)]))
        }
        if nextKey && reuseKey { throw ValidationError(Catalog.text("csr.next-key.not-with-reuse")) }
        _ = try fields()
    }

    /// `--subject` read and held to the rules.
    func fields() throws -> RequestSubject {
        guard let subject else { return .empty }
        do { return try RequestSubject.parse(subject) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        // Postfix is asked only for what was not given: the name, the directory, the key in use.
        let configDir = configDirectory.path
        lazy var installation = PostfixInstallation.detect(configDirectory: configDir, processes: SystemProcessRunner())
        // The set-up in force, read once when the directory or the key in use is needed.
        lazy var setup = TLSSetupInForce.read(installation, fileSystem: LocalFileSystem())
        var chosen = names
        if chosen.isEmpty {
            let hostName = defaultHostName(installation)
            if let advice = hostName.advice(for: .commandLine) { throw ValidationError(advice) }
            if case .qualified(let name) = hostName { chosen = [name] }
        }
        if nextKey { return try stageNextKey(names: chosen, installation: installation, setup: setup) }
        var reuse: (key: PrivateKey, path: String)?
        if reuseKey {
            guard let found = try keyInUse(setup.get()) else { throw ValidationError(Catalog.text("csr.no-key-in-use", ["dir": SafeText.escape(configDir)])) }
            reuse = found
        }
        let made: RequestMaker.Made
        let directory: String
        if let out {
            directory = out
        } else {
            // Without a readable set-up, the key and CSR go to the configuration directory.
            let inForce: TLSSetupInForce? = if case .success(let read) = setup { read } else { nil }
            directory = RequestDefaults.directory(setup: inForce, configDirectory: configDir)
        }
        do {
            made = try RequestMaker(trustedOwner: getuid()).make(names: chosen, keyType: keyType.type, directory: directory, reuse: reuse,
                                                                 subject: fields())
        } catch let problem as RequestMaker.Problem {
            throw ValidationError(problem.description)
        }
        print(made.request, terminator: "")
        RequestMaker.summary(made, configDirectory: configDir).forEach { print($0) }
    }

    /// myhostname as postconf gives it for this instance (the machine's name when Postfix
    /// cannot say), judged with mydomain.
    private func defaultHostName(_ installation: PostfixInstallation) -> RequestDefaults.HostName {
        RequestDefaults.hostName(myhostname: installation.hostname, mydomain: installation.configured.value("mydomain"))
    }

    /// The private key Postfix serves now: the key file of the set-up in force, as `renew` finds it.
    private func keyInUse(_ setup: TLSSetupInForce) -> (key: PrivateKey, path: String)? {
        let inspector = Inspector()
        guard case .success(let current) = RenewalPlanner(inspector: inspector).current(setup) else { return nil }
        let key = inspector.load(current.keyFile, passphrases: nil).items.lazy
            .compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first
        return key.map { ($0, current.keyFile) }
    }
}
