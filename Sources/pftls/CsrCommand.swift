import ArgumentParser
import Foundation
import PftlsCore

/// `pftls csr`: a new private key (or the one in use) and a certificate signing
/// request to paste into the CA's order form: the step the guide starts from.
struct CsrCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csr",
        abstract: Catalog.text("csr.abstract"),
        discussion: Catalog.text("csr.discussion")
    )

    /// The key types a CSR can be made for.
    enum KeyType: String, ExpressibleByArgument, CaseIterable {
        case rsa2048, rsa3072
        case ecP256 = "ec-p256"

        var kind: KeyGenerator.Kind {
            switch self {
            case .rsa2048: .rsa(bits: 2048)
            case .rsa3072: .rsa(bits: 3072)
            case .ecP256: .ec(curve: "P-256")
            }
        }
    }

    @Option(name: .customLong("name"), help: ArgumentHelp(Catalog.text("csr.name.help"), valueName: "NAME"))
    var names: [String] = []

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.key-type.help")))
    var keyType: KeyType = .ecP256

    @Flag(name: .long, help: ArgumentHelp(Catalog.text("csr.reuse-key.help")))
    var reuseKey = false

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.out.help"), valueName: "DIR"))
    var out = "."

    @Option(name: .long, help: ArgumentHelp(Catalog.text("csr.config-dir.help"), valueName: "DIR"))
    var configDir = "/etc/postfix"

    func validate() throws {
        for name in names where !Self.isHostName(name) {
            throw ValidationError(Catalog.text("csr.bad-name", ["name": SafeText.escape(name)]))
        }
    }

    /// A DNS name a public CA issues for: labels of letters, digits and hyphens, a
    /// leading "*." allowed.
    static func isHostName(_ name: String) -> Bool {
        let labels = (name.hasPrefix("*.") ? String(name.dropFirst(2)) : name).split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && name.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    func run() throws {
        let processes = SystemProcessRunner()
        var chosen = names
        if chosen.isEmpty, let hostname = HostnameDefault(processes: processes).resolve(configDirectory: configDir), Self.isHostName(hostname) {
            chosen = [hostname]
        }
        guard let first = chosen.first else { throw ValidationError(Catalog.text("csr.no-name")) }
        // The key goes where only root can change it, never into a shared directory such as /tmp.
        let directory = URL(fileURLWithPath: out).standardizedFileURL.path
        if let unsafe = DirectorySafety(fileSystem: LocalFileSystem(), trustedOwner: getuid()).check(directory).first(where: { $0.severity == .error }) {
            throw ValidationError("\(unsafe.message). \(unsafe.hint)")
        }
        let key: PrivateKey
        let keyPath: String
        if reuseKey {
            guard let found = try keyInUse() else { throw ValidationError(Catalog.text("csr.no-key-in-use", ["dir": SafeText.escape(configDir)])) }
            (key, keyPath) = found
        } else {
            key = try KeyGenerator.generate(keyType.kind)
            keyPath = directory + "/" + first + ".key"
            guard !FileManager.default.fileExists(atPath: keyPath) else {
                throw ValidationError(Catalog.text("csr.key-exists", ["path": SafeText.escape(keyPath)]))
            }
            try KeyFileWriter().write(key: key, to: keyPath)
        }
        let request = try RequestFactory.request(names: chosen, key: key)
        let requestPath = directory + "/" + first + ".csr"
        try AtomicFileWriter().write(Array(request.utf8), to: requestPath, mode: 0o644)
        print(request, terminator: "")
        print(Catalog.text(reuseKey ? "csr.kept-key" : "csr.new-key", ["key": SafeText.escape(keyPath)]))
        print(Catalog.text("csr.written", ["csr": SafeText.escape(requestPath), "names": chosen.joined(separator: ", ")]))
        print(Catalog.text(reuseKey ? "csr.next-reuse" : "csr.next", ["key": SafeText.escape(keyPath)]))
    }

    /// The private key Postfix serves now, from the set-up in force.
    private func keyInUse() throws -> (PrivateKey, String)? {
        let installation = PostfixInstallation.detect(configDirectory: configDir, processes: SystemProcessRunner())
        guard let setup = TLSSetupInForce.read(configDirectory: configDir, fileSystem: LocalFileSystem(), defaults: installation.defaults) else {
            return nil
        }
        for path in setup.files {
            for item in Inspector().load(path, passphrases: nil).items {
                if case .privateKey(let key) = item.object { return (key, path) }
            }
        }
        return nil
    }
}
