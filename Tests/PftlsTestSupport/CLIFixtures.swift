import Foundation
@testable import PftlsCore

/// The test PKI's files as an administrator holds them, in `directory`: `root.pem`,
/// `intermediate.pem`, and each leaf issued as `<name>.key` / `<name>.pem`.
package struct CLIFixtures {
    package let directory: String
    /// The CA hierarchy the files come from.
    package let pki: TestPKI

    /// A new test PKI, its root and intermediate written into `directory`, which exists.
    package init(directory: String) throws {
        self.directory = directory
        pki = try TestPKI()
        write("root.pem", root.pem)
        write("intermediate.pem", intermediate.certificate.pem)
    }

    /// Files in another directory issued by the same CA as `other`; none is written yet.
    package init(directory: String, sharing other: CLIFixtures) {
        self.directory = directory
        pki = other.pki
    }

    package var root: Certificate { pki.root.certificate }
    package var intermediate: TestPKI.Pair { pki.intermediate }

    /// A new leaf (and key, of `kind` when given, else P-256) for `hostname` (and `names`,
    /// when given, as its subjectAltNames), valid from a day ago for `days` more days,
    /// written as `<name>.key` (encrypted with `passphrase`, when given) / `<name>.pem`.
    @discardableResult
    package func issueLeaf(_ name: String, hostname: String = "mail.example.test", names: [String]? = nil, days: Int = 365,
                           passphrase: String? = nil, key kind: KeyGenerator.Kind? = nil) throws -> Certificate {
        let leaf = try pki.issueLeaf(.server(hostname, names: names, days: days), key: kind.map(KeyGenerator.generate))
        write(name + ".pem", leaf.certificate.pem)
        if let passphrase {
            FileManager.default.createFile(atPath: path(name + ".key"), contents: Data(TestPKI.encryptedPEM(leaf.key, passphrase: passphrase)),
                                           attributes: [.posixPermissions: 0o600])
        } else {
            write(name + ".key", TestPKI.pem(leaf.key))
        }
        return leaf.certificate
    }

    package func path(_ name: String) -> String { directory + "/" + name }

    @discardableResult
    package func write(_ name: String, _ text: String) -> String {
        FileManager.default.createFile(atPath: path(name), contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return path(name)
    }
}
