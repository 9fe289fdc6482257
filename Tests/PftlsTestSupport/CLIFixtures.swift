import Foundation
@testable import PftlsCore

/// A CA hierarchy and the files an administrator would hold, written into `directory`.
package struct CLIFixtures {
    package let directory: String
    package let root: Certificate
    package let intermediate: (certificate: Certificate, key: PrivateKey)

    package init(directory: String, hostname: String = "mail.example.test") throws {
        self.directory = directory
        let rootKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        root = try CertificateFactory.issue(.authority("CLI Root"), subjectKey: rootKey)
        let interKey = try KeyGenerator.generate(.ec(curve: "P-256"))
        intermediate = (try CertificateFactory.issue(.authority("CLI Intermediate"), subjectKey: interKey, issuer: (root, rootKey)), interKey)
        write("root.pem", root.pem)
        write("intermediate.pem", intermediate.certificate.pem)
    }

    /// Files in another directory issued by the same CA as `other`.
    package init(directory: String, sharing other: CLIFixtures) {
        self.directory = directory
        root = other.root
        intermediate = other.intermediate
    }

    /// A new leaf (and key) for `hostname` (and `names`, when given, as its subjectAltNames),
    /// written as `<name>.key` / `<name>.pem`.
    @discardableResult
    package func issueLeaf(_ name: String, hostname: String = "mail.example.test", names: [String]? = nil, passphrase: String? = nil) throws -> Certificate {
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server(hostname, names: names), subjectKey: key, issuer: intermediate)
        write(name + ".pem", leaf.pem)
        if let passphrase {
            var bytes = Array(passphrase.utf8)
            let encrypted = key.encryptedPEM(passphrase: SecretBytes(wiping: &bytes), format: .pkcs8)!
            FileManager.default.createFile(atPath: path(name + ".key"), contents: Data(encrypted), attributes: [.posixPermissions: 0o600])
        } else {
            write(name + ".key", key.unencryptedPEM()!.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
        }
        return leaf
    }

    package func path(_ name: String) -> String { directory + "/" + name }

    @discardableResult
    package func write(_ name: String, _ text: String) -> String {
        FileManager.default.createFile(atPath: path(name), contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return path(name)
    }
}
